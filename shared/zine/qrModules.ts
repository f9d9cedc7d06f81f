import QRCode from 'qrcode';

/** The QR code's module matrix for `text`, row by row (true = dark), to draw as vector squares. */
export function qrModules(text: string): boolean[][] {
  const code = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = code.modules.size;
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, column) => code.modules.get(row, column) === 1));
}

export { MIN_K, siblingsToSuppress } from './suppression.js';
export {
  XLSX_MEDIA_TYPE,
  xlsxDisposition,
  xlsxWorkbook,
  type XlsxAbout,
  type XlsxColumn,
  type XlsxTable,
  type XlsxValue,
} from './xlsx.js';

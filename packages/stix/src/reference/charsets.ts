/**
 * IANA Character Sets registry names and aliases (the commonly used part of the registry:
 * Unicode, ISO 8859, Windows, IBM/DOS code pages, East Asian and Cyrillic sets, with their
 * aliases). Used by the MUST character_set: STIX 2.1 §6.7 (file `name_enc`), §6.3 (directory
 * `path_enc`) and §6.5 (email mime-part `content_type` charset parameter) say the value MUST be
 * an IANA character set name. Compared case-insensitively (RFC 2978 §2.3).
 */
const NAMES = [
  'US-ASCII', 'ASCII', 'ANSI_X3.4-1968', 'iso-ir-6', 'ANSI_X3.4-1986', 'ISO_646.irv:1991', 'ISO646-US', 'us', 'IBM367', 'cp367', 'csASCII',
  'UTF-8', 'csUTF8', 'UTF-7', 'csUTF7', 'UTF-16', 'csUTF16', 'UTF-16BE', 'csUTF16BE', 'UTF-16LE', 'csUTF16LE',
  'UTF-32', 'csUTF32', 'UTF-32BE', 'csUTF32BE', 'UTF-32LE', 'csUTF32LE', 'CESU-8', 'csCESU8', 'SCSU', 'csSCSU', 'BOCU-1', 'csBOCU1',
  'ISO-10646-UCS-2', 'csUnicode', 'ISO-10646-UCS-4', 'csUCS4', 'UNICODE-1-1', 'csUnicode11', 'UTF-7-IMAP', 'csUTF7IMAP',
  'ISO-8859-1', 'ISO_8859-1:1987', 'iso-ir-100', 'ISO_8859-1', 'latin1', 'l1', 'IBM819', 'CP819', 'csISOLatin1',
  'ISO-8859-2', 'ISO_8859-2:1987', 'iso-ir-101', 'ISO_8859-2', 'latin2', 'l2', 'csISOLatin2',
  'ISO-8859-3', 'ISO_8859-3:1988', 'iso-ir-109', 'ISO_8859-3', 'latin3', 'l3', 'csISOLatin3',
  'ISO-8859-4', 'ISO_8859-4:1988', 'iso-ir-110', 'ISO_8859-4', 'latin4', 'l4', 'csISOLatin4',
  'ISO-8859-5', 'ISO_8859-5:1988', 'iso-ir-144', 'ISO_8859-5', 'cyrillic', 'csISOLatinCyrillic',
  'ISO-8859-6', 'ISO_8859-6:1987', 'iso-ir-127', 'ISO_8859-6', 'ECMA-114', 'ASMO-708', 'arabic', 'csISOLatinArabic',
  'ISO-8859-6-E', 'csISO88596E', 'ISO_8859-6-E', 'ISO-8859-6-I', 'csISO88596I', 'ISO_8859-6-I',
  'ISO-8859-7', 'ISO_8859-7:1987', 'iso-ir-126', 'ISO_8859-7', 'ELOT_928', 'ECMA-118', 'greek', 'greek8', 'csISOLatinGreek',
  'ISO-8859-8', 'ISO_8859-8:1988', 'iso-ir-138', 'ISO_8859-8', 'hebrew', 'csISOLatinHebrew',
  'ISO-8859-8-E', 'csISO88598E', 'ISO_8859-8-E', 'ISO-8859-8-I', 'csISO88598I', 'ISO_8859-8-I',
  'ISO-8859-9', 'ISO_8859-9:1989', 'iso-ir-148', 'ISO_8859-9', 'latin5', 'l5', 'csISOLatin5',
  'ISO-8859-10', 'iso-ir-157', 'l6', 'ISO_8859-10:1992', 'csISOLatin6', 'latin6',
  'ISO-8859-13', 'csISO885913', 'ISO-8859-14', 'iso-ir-199', 'ISO_8859-14:1998', 'ISO_8859-14', 'latin8', 'iso-celtic', 'l8', 'csISO885914',
  'ISO-8859-15', 'ISO_8859-15', 'Latin-9', 'csISO885915', 'ISO-8859-16', 'iso-ir-226', 'ISO_8859-16:2001', 'ISO_8859-16', 'latin10', 'l10', 'csISO885916',
  'windows-1250', 'cswindows1250', 'windows-1251', 'cswindows1251', 'windows-1252', 'cswindows1252', 'windows-1253', 'cswindows1253',
  'windows-1254', 'cswindows1254', 'windows-1255', 'cswindows1255', 'windows-1256', 'cswindows1256', 'windows-1257', 'cswindows1257',
  'windows-1258', 'cswindows1258', 'windows-874', 'cswindows874', 'windows-31J', 'csWindows31J',
  'Shift_JIS', 'MS_Kanji', 'csShiftJIS', 'EUC-JP', 'Extended_UNIX_Code_Packed_Format_for_Japanese', 'csEUCPkdFmtJapanese',
  'ISO-2022-JP', 'csISO2022JP', 'ISO-2022-JP-2', 'csISO2022JP2', 'EUC-KR', 'csEUCKR', 'ISO-2022-KR', 'csISO2022KR', 'KS_C_5601-1987', 'iso-ir-149', 'KS_C_5601-1989', 'KSC_5601', 'korean', 'csKSC56011987',
  'GB2312', 'csGB2312', 'GBK', 'CP936', 'MS936', 'windows-936', 'csGBK', 'GB18030', 'csGB18030', 'HZ-GB-2312', 'ISO-2022-CN', 'csISO2022CN', 'ISO-2022-CN-EXT', 'csISO2022CNEXT',
  'Big5', 'csBig5', 'Big5-HKSCS', 'csBig5HKSCS', 'KOI8-R', 'csKOI8R', 'KOI8-U', 'csKOI8U', 'TIS-620', 'csTIS620', 'ISO-11548-1', 'VISCII', 'csVISCII',
  'macintosh', 'mac', 'csMacintosh', 'IBM437', 'cp437', '437', 'csPC8CodePage437', 'IBM850', 'cp850', '850', 'csPC850Multilingual',
  'IBM852', 'cp852', '852', 'csPCp852', 'IBM855', 'cp855', '855', 'csIBM855', 'IBM857', 'cp857', '857', 'csIBM857',
  'IBM860', 'cp860', '860', 'csIBM860', 'IBM861', 'cp861', '861', 'cp-is', 'csIBM861', 'IBM862', 'cp862', '862', 'csPC862LatinHebrew',
  'IBM863', 'cp863', '863', 'csIBM863', 'IBM864', 'cp864', 'csIBM864', 'IBM865', 'cp865', '865', 'csIBM865', 'IBM866', 'cp866', '866', 'csIBM866',
  'IBM869', 'cp869', '869', 'cp-gr', 'csIBM869', 'IBM00858', 'CCSID00858', 'CP00858', 'PC-Multilingual-850+euro', 'csIBM00858',
  'IBM037', 'cp037', 'ebcdic-cp-us', 'csIBM037', 'IBM1047', 'IBM-1047', 'csIBM1047', 'IBM500', 'CP500', 'csIBM500', 'IBM775', 'cp775', 'csPC775Baltic',
  'IBM01140', 'IBM01141', 'IBM01142', 'IBM01143', 'IBM01144', 'IBM01145', 'IBM01146', 'IBM01147', 'IBM01148', 'IBM01149',
  'GB_2312-80', 'iso-ir-58', 'chinese', 'csISO58GB231280', 'JIS_X0201', 'X0201', 'csHalfWidthKatakana', 'JIS_Encoding', 'csJISEncoding',
  'ISO-8859-1-Windows-3.0-Latin-1', 'ISO-8859-1-Windows-3.1-Latin-1', 'ISO-8859-2-Windows-Latin-2', 'ISO-8859-9-Windows-Latin-5',
  'Adobe-Standard-Encoding', 'csAdobeStandardEncoding', 'Adobe-Symbol-Encoding', 'csHPPSMath', 'TSCII', 'csTSCII', 'KZ-1048', 'csKZ1048', 'PTCP154', 'csPTCP154', 'Amiga-1251',
];

const CHARSETS: ReadonlySet<string> = new Set(NAMES.map((n) => n.toLowerCase()));

export function isCharset(value: string): boolean {
  return CHARSETS.has(value.toLowerCase());
}

/**
 * ISO 639-1 two-letter codes with their ISO 639-2 three-letter codes (terminology code first,
 * then the bibliographic one where it differs). STIX 2.0 software `languages` are ISO 639-2 codes
 * (Part 4 §2.14); STIX 2.1 ones are RFC 5646 tags (§6.14), which use the two-letter code wherever
 * ISO 639-1 has one (RFC 5646 §2.2.1) — so conversion needs both directions.
 */
const TABLE =
  'aa:aar ab:abk ae:ave af:afr ak:aka am:amh an:arg ar:ara as:asm av:ava ay:aym az:aze ba:bak be:bel bg:bul bh:bih ' +
  'bi:bis bm:bam bn:ben bo:bod/tib br:bre bs:bos ca:cat ce:che ch:cha co:cos cr:cre cs:ces/cze cu:chu cv:chv cy:cym/wel ' +
  'da:dan de:deu/ger dv:div dz:dzo ee:ewe el:ell/gre en:eng eo:epo es:spa et:est eu:eus/baq fa:fas/per ff:ful fi:fin ' +
  'fj:fij fo:fao fr:fra/fre fy:fry ga:gle gd:gla gl:glg gn:grn gu:guj gv:glv ha:hau he:heb hi:hin ho:hmo hr:hrv ht:hat ' +
  'hu:hun hy:hye/arm hz:her ia:ina id:ind ie:ile ig:ibo ii:iii ik:ipk io:ido is:isl/ice it:ita iu:iku ja:jpn jv:jav ' +
  'ka:kat/geo kg:kon ki:kik kj:kua kk:kaz kl:kal km:khm kn:kan ko:kor kr:kau ks:kas ku:kur kv:kom kw:cor ky:kir la:lat ' +
  'lb:ltz lg:lug li:lim ln:lin lo:lao lt:lit lu:lub lv:lav mg:mlg mh:mah mi:mri/mao mk:mkd/mac ml:mal mn:mon mr:mar ' +
  'ms:msa/may mt:mlt my:mya/bur na:nau nb:nob nd:nde ne:nep ng:ndo nl:nld/dut nn:nno no:nor nr:nbl nv:nav ny:nya oc:oci ' +
  'oj:oji om:orm or:ori os:oss pa:pan pi:pli pl:pol ps:pus pt:por qu:que rm:roh rn:run ro:ron/rum ru:rus rw:kin sa:san ' +
  'sc:srd sd:snd se:sme sg:sag si:sin sk:slk/slo sl:slv sm:smo sn:sna so:som sq:sqi/alb sr:srp ss:ssw st:sot su:sun ' +
  'sv:swe sw:swa ta:tam te:tel tg:tgk th:tha ti:tir tk:tuk tl:tgl tn:tsn to:ton tr:tur ts:tso tt:tat tw:twi ty:tah ' +
  'ug:uig uk:ukr ur:urd uz:uzb ve:ven vi:vie vo:vol wa:wln wo:wol xh:xho yi:yid yo:yor za:zha zh:zho/chi zu:zul';

const twoToThree = new Map<string, string>();
const threeToTwo = new Map<string, string>();
for (const entry of TABLE.split(' ')) {
  const [two, threes] = entry.split(':');
  const codes = threes.split('/');
  twoToThree.set(two, codes[0]);
  for (const code of codes) threeToTwo.set(code, two);
}

/** The ISO 639-1 code of an ISO 639-2 code (T or B), if ISO 639-1 has one. */
export function iso639Alpha2(code: string): string | undefined {
  return threeToTwo.get(code.toLowerCase());
}

/** The ISO 639-2/T code of an ISO 639-1 code. */
export function iso639Alpha3(code: string): string | undefined {
  return twoToThree.get(code.toLowerCase());
}

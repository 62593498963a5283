/** STIX 2.0 vocabularies (Part 2 §6, Part 4 §3–§5). */
const words = (s: string): readonly string[] => s.trim().split(/\s+/);

export const attackMotivation = words(
  'accidental coercion dominance ideology notoriety organizational-gain personal-gain personal-satisfaction revenge unpredictable',
);
export const attackResourceLevel = words('individual club contest team organization government');
export const identityClass = words('individual group organization class unknown');
export const indicatorLabel = words('anomalous-activity anonymization benign compromised malicious-activity attribution');
export const industrySector = words(
  'agriculture aerospace automotive communications construction defence education energy entertainment financial-services ' +
    'government-national government-regional government-local government-public-services healthcare hospitality-leisure ' +
    'infrastructure insurance manufacturing mining non-profit pharmaceuticals retail technology telecommunications transportation utilities',
);
export const malwareLabel = words(
  'adware backdoor bot ddos dropper exploit-kit keylogger ransomware remote-access-trojan resource-exploitation rogue-security-software ' +
    'rootkit screen-capture spyware trojan virus worm',
);
export const reportLabel = words(
  'threat-report attack-pattern campaign identity indicator malware observed-data threat-actor tool vulnerability',
);
export const threatActorLabel = words(
  'activist competitor crime-syndicate criminal hacker insider-accidental insider-disgruntled nation-state sensationalist spy terrorist',
);
export const threatActorRole = words('agent director independent infrastructure-architect infrastructure-operator malware-author sponsor');
export const threatActorSophistication = words('none minimal intermediate advanced expert innovator strategic');
export const toolLabel = words(
  'denial-of-service exploitation information-gathering network-capture credential-exploitation remote-access vulnerability-scanning',
);
export const encryptionAlgorithm = words(
  'AES128-ECB AES128-CBC AES128-CFB AES128-COFB AES128-CTR AES128-XTS AES128-GCM Salsa20 Salsa12 Salsa8 ChaCha20-Poly1305 ChaCha20 ' +
    'DES-CBC 3DES-CBC DES-ECB 3DES-ECB CAST128-CBC CAST256-CBC RSA DSA',
);
export const accountType = words('unix windows-local windows-domain ldap tacacs radius nis openid facebook skype twitter');
export const windowsPebinaryType = words('exe dll sys');
export const socketProtocolFamily = words(
  'PF_INET PF_AX25 PF_IPX PF_INET6 PF_APPLETALK PF_NETROM PF_BRIDGE PF_ATMPVC PF_X25 PF_ROSE PF_DECNET PF_NETBEUI PF_SECURITY PF_KEY ' +
    'PF_NETLINK PF_ROUTE PF_PACKET PF_ASH PF_ECONET PF_ATMSVC PF_SNA PF_IRDA PF_PPPOX PF_WANPIPE PF_BLUETOOTH',
);
export const windowsRegistryDatatype = words(
  'REG_NONE REG_SZ REG_EXPAND_SZ REG_BINARY REG_DWORD REG_DWORD_BIG_ENDIAN REG_LINK REG_MULTI_SZ REG_RESOURCE_LIST ' +
    'REG_FULL_RESOURCE_DESCRIPTION REG_RESOURCE_REQUIREMENTS_LIST REG_QWORD REG_INVALID_TYPE',
);

/** STIX 2.1 vocabularies and enumerations used by SCOs and their extensions (§10). */
const words = (s: string): readonly string[] => s.trim().split(/\s+/);

/** Closed: §10.4 encryption-algorithm-enum. */
export const encryptionAlgorithm = words('AES-256-GCM ChaCha20-Poly1305 mime-type-indicated');
/** Closed: §10.13 network-socket-address-family-enum. */
export const socketAddressFamily = words('AF_UNSPEC AF_INET AF_IPX AF_APPLETALK AF_NETBIOS AF_INET6 AF_IRDA AF_BTH');
/** Closed: §10.14 network-socket-type-enum. */
export const socketType = words('SOCK_STREAM SOCK_DGRAM SOCK_RAW SOCK_RDM SOCK_SEQPACKET');
/** Closed: §10.24 windows-integrity-level-enum. */
export const windowsIntegrityLevel = words('low medium high system');
/** Closed: §10.26 windows-registry-datatype-enum. */
export const windowsRegistryDatatype = words(
  'REG_NONE REG_SZ REG_EXPAND_SZ REG_BINARY REG_DWORD REG_DWORD_BIG_ENDIAN REG_DWORD_LITTLE_ENDIAN REG_LINK REG_MULTI_SZ ' +
    'REG_RESOURCE_LIST REG_FULL_RESOURCE_DESCRIPTION REG_RESOURCE_REQUIREMENTS_LIST REG_QWORD REG_INVALID_TYPE',
);
/** Closed: §10.27 windows-service-start-type-enum. */
export const windowsServiceStartType = words(
  'SERVICE_AUTO_START SERVICE_BOOT_START SERVICE_DEMAND_START SERVICE_DISABLED SERVICE_SYSTEM_ALERT',
);
/** Closed: §10.28 windows-service-type-enum. */
export const windowsServiceType = words(
  'SERVICE_KERNEL_DRIVER SERVICE_FILE_SYSTEM_DRIVER SERVICE_WIN32_OWN_PROCESS SERVICE_WIN32_SHARE_PROCESS',
);
/** Closed: §10.29 windows-service-status-enum. */
export const windowsServiceStatus = words(
  'SERVICE_CONTINUE_PENDING SERVICE_PAUSE_PENDING SERVICE_PAUSED SERVICE_RUNNING SERVICE_START_PENDING SERVICE_STOP_PENDING SERVICE_STOPPED',
);
/** Open: §10.1 account-type-ov. */
export const accountType = words('facebook ldap nis openid radius skype tacacs twitter unix windows-local windows-domain');
/** Open: §10.25 windows-pebinary-type-ov. */
export const windowsPebinaryType = words('dll exe sys');

/**
 * Protocol and service names for network-traffic `protocols` (2.1 §6.12: values SHOULD come from
 * the IANA Service Name and Transport Protocol Port Number Registry; the spec's examples use
 * ipv4, tcp, http). This is the registry's well-known part plus the network and transport
 * protocol keywords the STIX examples use — not all ~6,000 registered names, which no npm package
 * ships. Best practice 272 only, so a missing rare name costs a warning, never an error.
 */
const NAMES =
  'ip ipv4 ipv6 icmp icmpv6 igmp tcp udp sctp dccp quic gre esp ah ipsec l2tp pptp arp rarp ethernet vlan mpls ppp ' +
  'http https http2 http-alt http-mgmt www www-http ssl tls dtls ssh telnet ftp ftp-data ftps sftp tftp scp smtp smtps submission submissions ' +
  'pop2 pop3 pop3s imap imap3 imaps nntp nntps dns domain mdns llmnr dhcp dhcpv6 bootps bootpc ntp snmp snmptrap snmp-trap ldap ldaps ' +
  'kerberos kerberos-adm kpasswd netbios-ns netbios-dgm netbios-ssn microsoft-ds smb cifs nfs rpcbind sunrpc msrpc epmap rdp ms-wbt-server ' +
  'vnc rfb x11 sip sips rtp rtcp rtsp h323 mgcp xmpp xmpp-client xmpp-server irc ircs mqtt secure-mqtt amqp amqps coap coaps stun turn ' +
  'syslog syslog-tls radius radius-acct diameter tacacs bgp ospf rip ripng eigrp isis vrrp hsrp pim bfd ldp ' +
  'mysql postgresql ms-sql-s ms-sql-m oracle mongodb redis memcache cassandra elasticsearch couchdb ' +
  'socks proxy squid openvpn wireguard ike isakmp ipsec-nat-t nat-t-ike gtp-c gtp-u gtp-user diameter ' +
  'modbus dnp dnp-sec bacnet enip iec-104 s7 opcua-tcp profinet ' +
  'finger whois gopher daytime echo discard chargen time auth ident uucp printer ipp cups lpd afp rsync git svn cvspserver ' +
  'imqp webdav caldav carddav websocket ws wss grpc doh dot spdy tor bittorrent';

const SERVICES: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter(Boolean));

/** True for a known IANA service name or protocol keyword (lower case, as the spec's examples). */
export function isServiceName(value: string): boolean {
  return SERVICES.has(value);
}

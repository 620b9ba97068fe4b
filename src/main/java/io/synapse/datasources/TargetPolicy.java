package io.synapse.datasources;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.synapse.common.error.ProblemException;

/**
 * Where a registered connection may point. Checked when a connection is saved and again on the
 * resolved addresses each time a pool is opened (a name that later resolves elsewhere is caught
 * then). Always refused: link-local and cloud metadata addresses, wildcard and multicast
 * addresses; the database Synapse itself runs on unless explicitly allowed; then the configured
 * allow and deny lists.
 */
@ApplicationScoped
public class TargetPolicy {

    @Inject
    DatasourcesConfig config;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String ownJdbcUrl;

    /** Refuses (422 on field "host") a target that may not be used; else the address to connect to (the first the name resolves to). */
    public InetAddress check(String host, int port, String database) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.startsWith("-") || !name.matches("[a-z0-9._:\\[\\]-]+")) {
            throw refused("is not a host name or address");
        }
        InetAddress[] addresses = resolve(name);
        for (InetAddress address : addresses) {
            if (address.isLinkLocalAddress() || isMetadata(address)) {
                throw refused("resolves to a link-local or cloud metadata address (" + address.getHostAddress() + "), which is never allowed");
            }
            if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
                throw refused("resolves to a wildcard or multicast address");
            }
        }
        List<String> allowed = config.targets().allowedHosts().orElse(List.of());
        if (!allowed.isEmpty() && !matchesAny(allowed, name, addresses)) {
            throw refused("is not in synapse.datasources.targets.allowed-hosts");
        }
        if (matchesAny(config.targets().deniedHosts().orElse(List.of()), name, addresses)) {
            throw refused("is in synapse.datasources.targets.denied-hosts");
        }
        if (!config.targets().allowOwnDatabase() && isOwnDatabase(addresses, port, database)) {
            throw refused("is the database Synapse itself runs on");
        }
        return addresses[0];
    }

    private static InetAddress[] resolve(String name) {
        try {
            return InetAddress.getAllByName(name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name);
        } catch (UnknownHostException | SecurityException e) {
            throw ProblemException.unprocessable("host", "does not resolve");
        }
    }

    private boolean isOwnDatabase(InetAddress[] addresses, int port, String database) {
        try {
            URI own = URI.create(ownJdbcUrl.substring("jdbc:".length()));
            if (own.getHost() == null) {
                return false;
            }
            int ownPort = own.getPort() < 0 ? Engine.POSTGRESQL.defaultPort() : own.getPort();
            String ownDatabase = own.getPath() == null ? "" : own.getPath().replaceFirst("^/", "");
            if (ownPort != port || !ownDatabase.equals(database)) {
                return false;
            }
            for (InetAddress ownAddress : InetAddress.getAllByName(own.getHost())) {
                for (InetAddress address : addresses) {
                    if (ownAddress.equals(address) || ownAddress.isLoopbackAddress() && address.isLoopbackAddress()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IllegalArgumentException | UnknownHostException e) {
            return false;
        }
    }

    private static boolean isMetadata(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            // 169.254.169.254 is link-local already; Alibaba's 100.100.100.200 is not.
            return (b[0] & 0xff) == 100 && (b[1] & 0xff) == 100 && (b[2] & 0xff) == 100 && (b[3] & 0xff) == 200;
        }
        if (address instanceof Inet6Address) {
            // AWS' IPv6 metadata address fd00:ec2::254.
            return (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2 && (b[15] & 0xff) == 0x54
                    && (b[14] & 0xff) == 0x02;
        }
        return false;
    }

    static boolean matchesAny(List<String> rules, String name, InetAddress[] addresses) {
        for (String raw : rules) {
            String rule = raw.trim().toLowerCase(Locale.ROOT);
            if (rule.isEmpty()) {
                continue;
            }
            if (rule.startsWith("*.") ? name.endsWith(rule.substring(1)) : rule.equals(name)) {
                return true;
            }
            for (InetAddress address : addresses) {
                if (inBlock(rule, address)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An IP or CIDR rule ("10.0.0.0/8", "fd00::/8", "192.168.1.5"); names never match here. */
    static boolean inBlock(String rule, InetAddress address) {
        int slash = rule.indexOf('/');
        String base = slash < 0 ? rule : rule.substring(0, slash);
        if (!base.matches("[0-9a-f.:]+") || !base.contains(".") && !base.contains(":")) {
            return false;
        }
        try {
            byte[] network = InetAddress.getByName(base).getAddress();
            byte[] candidate = address.getAddress();
            if (network.length != candidate.length) {
                return false;
            }
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(rule.substring(slash + 1));
            for (int i = 0; i < network.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : 0xff << (8 - bits) & 0xff;
                if ((network[i] & mask) != (candidate[i] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }

    private static ProblemException refused(String why) {
        return ProblemException.unprocessable("host", why);
    }
}

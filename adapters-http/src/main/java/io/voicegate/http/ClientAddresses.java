package io.voicegate.http;

import io.javalin.http.Context;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client's address: the socket peer, or, only when that peer is a trusted proxy, the right-most address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy. A client-supplied header is never believed otherwise.
 */
public final class ClientAddresses {

    private final List<Range> trusted;

    private ClientAddresses(List<Range> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /** Trust no proxy: the socket peer is the client. */
    public static ClientAddresses direct() {
        return new ClientAddresses(List.of());
    }

    /**
     * @param proxies addresses or CIDR ranges, e.g. {@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code ::1}
     * @throws IllegalArgumentException naming the entry that is not an address or range
     */
    public static ClientAddresses trusting(List<String> proxies) {
        var ranges = new ArrayList<Range>();
        for (var proxy : proxies) ranges.add(Range.parse(proxy.strip()));
        return new ClientAddresses(ranges);
    }

    public String of(Context ctx) {
        return resolve(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
    }

    String resolve(String peer, String forwardedFor) {
        if (!isTrusted(peer) || forwardedFor == null || forwardedFor.isBlank()) return peer;
        var hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            var hop = hops[i].strip();
            if (hop.isEmpty()) continue;
            if (!isTrusted(hop)) return hop;
        }
        return peer;
    }

    private boolean isTrusted(String address) {
        var parsed = literal(address);
        return parsed.isPresent() && trusted.stream().anyMatch(r -> r.contains(parsed.get()));
    }

    private static Optional<InetAddress> literal(String text) {
        if (text == null || text.isEmpty() || !text.matches("[0-9A-Fa-f:.\\[\\]%a-zA-Z]+")) return Optional.empty();
        var bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        // Only literals: a host name here must never trigger a DNS lookup.
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) return Optional.empty();
        try {
            return Optional.of(InetAddress.getByName(bare));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private record Range(BigInteger network, int prefix, int bits) {

        static Range parse(String text) {
            var slash = text.indexOf('/');
            var address = literal(slash < 0 ? text : text.substring(0, slash))
                    .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR range: " + text));
            int bits = address.getAddress().length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IP address or CIDR range: " + text);
            }
            if (prefix < 0 || prefix > bits) throw new IllegalArgumentException("not an IP address or CIDR range: " + text);
            return new Range(mask(new BigInteger(1, address.getAddress()), prefix, bits), prefix, bits);
        }

        boolean contains(InetAddress address) {
            var raw = address.getAddress();
            if (raw.length * 8 != bits) return false;
            return mask(new BigInteger(1, raw), prefix, bits).equals(network);
        }

        private static BigInteger mask(BigInteger value, int prefix, int bits) {
            return value.shiftRight(bits - prefix);
        }
    }
}

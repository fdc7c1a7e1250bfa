package org.mptcpverify.scheme;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.Bytes;

/**
 * The thesis as built (Appendix A): the key lives in ONE host-wide variable external_key_tnb,
 * set by every bind()/connect() whose sin_zero parses; the server keeps ONE host-wide token_tnb
 * (the local token of its most recently created connection) and attaches every join whose field
 * equals {@code token_tnb XOR (int)key} to that connection.
 */
public final class ThesisXorGlobal extends ThesisXor {
    public ThesisXorGlobal() {
        this(false);
    }

    /** @param littleEndian the x86 reading {@code thesis-xor-global/le} (see {@link ThesisXor#wireMask}) */
    public ThesisXorGlobal(boolean littleEndian) {
        super(littleEndian);
    }

    @Override
    public SchemeId id() {
        return littleEndian() ? SchemeId.THESIS_XOR_GLOBAL_LE : SchemeId.THESIS_XOR_GLOBAL;
    }

    /** The key is not a socket attribute here: it is read from the host variable when used. */
    @Override
    public Bytes socketKey(KeySetting setting) {
        return null;
    }

    @Override
    public HostKeys onBindOrConnect(HostKeys host, KeySetting setting) {
        OptionalLong v = parsed(setting);
        return v.isPresent() ? host.withExternalKey(v.getAsLong()) : host; // kstrtoul writes only on success
    }

    @Override
    public HostKeys onServerConnectionCreated(HostKeys host, ConnKeys keys) {
        return host.withTokenTnb(keys.localToken());
    }

    @Override
    public int joinTokenField(ConnKeys clientKeys, int joinIndex, HostKeys host) {
        return keyedField(clientKeys.remoteToken(), host.externalKeyTnb());
    }

    @Override
    public Optional<JoinMatch> lookupJoin(int field, List<ConnRef> conns, HostKeys host) {
        if (host.externalKeyTnb() == 0) {
            return super.lookupJoin(field, conns, host); // backward compatible: plain v0 lookup
        }
        if (field != keyedField(host.tokenTnb(), host.externalKeyTnb())) {
            return Optional.empty(); // "XORed token doesnot matched. MP_JOIN dropped"
        }
        return conns.stream().filter(c -> c.keys().localToken() == host.tokenTnb())
                .findFirst().map(c -> new JoinMatch(c.id(), c.keys()));
    }

    /** The host-wide key, when one parsed, is XORed into every join token of the host. */
    @Override
    public boolean externalKeyInUse(ConnKeys keys, HostKeys host) {
        return host.externalKeyTnb() != 0;
    }
}

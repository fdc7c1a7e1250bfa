package org.mptcpverify.matrix;

import java.util.List;
import org.mptcpverify.engine.BoundKey;
import org.mptcpverify.engine.Bounds;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * An engine that decides nothing itself: it stands for the engine it wraps (same name, bound keys
 * and resolved bounds, so a matrix, a sweep or results cannot tell them apart) and adds something
 * around {@link #check} (committed verdicts reused: {@link FingerprintedEngine}; a sweep's repeated
 * bound levels checked once).
 */
public abstract class DelegatingEngine implements Engine {
    /** The engine that decides the cells. */
    protected final Engine delegate;

    protected DelegatingEngine(Engine delegate) {
        this.delegate = delegate;
    }

    @Override
    public final String name() {
        return delegate.name();
    }

    @Override
    public final List<BoundKey> boundKeys() {
        return delegate.boundKeys();
    }

    @Override
    public final boolean judges(org.mptcpverify.vocab.PropertyId p) {
        return delegate.judges(p);
    }

    @Override
    public final boolean judgesOneEnd(org.mptcpverify.vocab.PropertyId p) {
        return delegate.judgesOneEnd(p);
    }

    @Override
    public final Bounds resolve(SchemeId scheme, AttackId attack, Bounds requested) {
        return delegate.resolve(scheme, attack, requested);
    }
}

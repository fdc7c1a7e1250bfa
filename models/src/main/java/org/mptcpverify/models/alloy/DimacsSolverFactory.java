package org.mptcpverify.models.alloy;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kodkod.engine.satlab.SATFactory;
import kodkod.engine.satlab.SATSolver;

/**
 * The external SAT solvers the Alloy core can use beside the ones bundled with Alloy: CaDiCaL
 * (Debian package {@code cadical}), found on the PATH. The Alloy core runs one solver call per cell
 * ({@code exactly N steps}), so a non-incremental program costs nothing extra; the CNF, hence the
 * verdict, is the solver's input whatever answers it (docs/models.md, "Solvers (session 15)").
 */
final class DimacsSolverFactory extends SATFactory {
    private static final long serialVersionUID = 1L;
    static final String CADICAL = "cadical";

    private final String name;
    private final List<String> options;

    private DimacsSolverFactory(String name, List<String> options) {
        this.name = name;
        this.options = options;
    }

    /** The external solver called {@code id}, if this class knows one by that name. */
    static Optional<SATFactory> external(String id) {
        // -q: no banner or statistics, only the s and v lines
        return CADICAL.equals(id) ? Optional.of(new DimacsSolverFactory(CADICAL, List.of("-q"))) : Optional.empty();
    }

    /** The executable called {@code name} on the PATH, if any. */
    static Optional<File> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.isFile() && f.canExecute()) return Optional.of(f);
        }
        return Optional.empty();
    }

    @Override
    public String id() {
        return name;
    }

    @Override
    public String type() {
        return "external";
    }

    @Override
    public boolean incremental() {
        return false;
    }

    @Override
    public boolean isPresent() {
        return onPath(name).isPresent();
    }

    @Override
    protected SATSolver createSolver() {
        File exe = onPath(name).orElseThrow(() -> new IllegalStateException(name + " is not on the PATH"));
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.getAbsolutePath());
        cmd.addAll(options);
        return new ExternalSatSolver(cmd, Path.of(System.getProperty("java.io.tmpdir")));
    }
}

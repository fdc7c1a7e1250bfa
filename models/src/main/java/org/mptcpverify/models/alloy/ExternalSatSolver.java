package org.mptcpverify.models.alloy;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kodkod.engine.satlab.SATAbortedException;
import kodkod.engine.satlab.SATSolver;

/**
 * A SAT solver run as a child process on a DIMACS CNF file, answering in the SAT competition's
 * format ({@code s SATISFIABLE} with {@code v} lines, or {@code s UNSATISFIABLE}). Clauses are
 * streamed to a file as Kodkod adds them (millions for an Alloy core cell: kept out of the heap);
 * each {@link #solve()} runs the program on the header and those clauses. The calling thread waits
 * interruptibly and the child is killed when the wait ends any other way than by the child's own
 * exit, so that a cell stopped at its timeout leaves no solver running (AlloyAnalyzer#stop).
 */
final class ExternalSatSolver implements SATSolver {
    private final List<String> command;
    private final Path dir;
    private final Path clauses;
    private OutputStream out;
    private int variables;
    private int clauseCount;
    private BitSet model;

    /** @param command the program and its options; the CNF comes on its standard input */
    ExternalSatSolver(List<String> command, Path tmpDir) {
        this.command = List.copyOf(command);
        try {
            Files.createDirectories(tmpDir);
            this.dir = Files.createTempDirectory(tmpDir, "sat-");
            this.clauses = dir.resolve("clauses.cnf");
            this.out = new BufferedOutputStream(Files.newOutputStream(clauses), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int numberOfVariables() {
        return variables;
    }

    @Override
    public int numberOfClauses() {
        return clauseCount;
    }

    @Override
    public void addVariables(int n) {
        if (n < 0) throw new IllegalArgumentException("negative number of variables: " + n);
        variables += n;
    }

    @Override
    public boolean addClause(int[] lits) {
        StringBuilder b = new StringBuilder(lits.length * 8 + 2);
        for (int lit : lits) {
            if (lit == 0 || Math.abs(lit) > variables) throw new IllegalArgumentException("literal out of range: " + lit);
            b.append(lit).append(' ');
        }
        b.append("0\n");
        try {
            out.write(b.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        clauseCount++;
        return true;
    }

    @Override
    public boolean solve() throws SATAbortedException {
        Path cnf = dir.resolve("problem.cnf");
        Path answer = dir.resolve("answer.txt");
        Process p = null;
        boolean exited = false;
        try {
            out.flush();
            writeProblem(cnf);
            p = new ProcessBuilder(command).redirectInput(cnf.toFile()).redirectOutput(answer.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
                // waitFor is where an interrupt (a cell past its timeout) reaches this thread
            }
            exited = true;
            return read(answer, p.exitValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SATAbortedException("interrupted", e);
        } catch (IOException e) {
            throw new SATAbortedException(command.get(0) + ": " + e.getMessage(), e);
        } finally {
            if (p != null && !exited) {
                p.destroyForcibly(); // also on Thread.stop's ThreadDeath, which passes through here
            }
            delete(cnf);
            delete(answer);
        }
    }

    private void writeProblem(Path cnf) throws IOException {
        try (FileChannel target = FileChannel.open(cnf, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE); FileChannel body = FileChannel.open(clauses, StandardOpenOption.READ)) {
            target.write(java.nio.ByteBuffer.wrap(("p cnf " + variables + " " + clauseCount + "\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            long size = body.size();
            for (long done = 0; done < size; ) {
                done += body.transferTo(done, size - done, target);
            }
        }
    }

    /** The answer: exit code 10 or 20 and the matching {@code s} line; the model from the {@code v} lines. */
    private boolean read(Path answer, int exit) throws IOException {
        String status = null;
        BitSet values = new BitSet();
        try (BufferedReader r = Files.newBufferedReader(answer, StandardCharsets.US_ASCII)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("s ")) {
                    status = line.substring(2).trim();
                } else if (line.startsWith("v ")) {
                    for (String tok : line.substring(2).trim().split("\\s+")) {
                        if (tok.isEmpty()) continue;
                        int lit = Integer.parseInt(tok);
                        if (lit > 0) values.set(lit);
                    }
                }
            }
        }
        if (exit == 10 && "SATISFIABLE".equals(status)) {
            model = values;
            return true;
        }
        if (exit == 20 && "UNSATISFIABLE".equals(status)) {
            model = null;
            return false;
        }
        throw new SATAbortedException(command.get(0) + " gave no answer (exit " + exit + ", status line "
                + (status == null ? "missing" : "'" + status + "'") + ")");
    }

    @Override
    public boolean valueOf(int variable) {
        if (model == null) throw new IllegalStateException("no model: the last solve was not satisfiable");
        if (variable < 1 || variable > variables) throw new IllegalArgumentException("no variable " + variable);
        return model.get(variable);
    }

    @Override
    public void free() {
        try {
            if (out != null) out.close();
        } catch (IOException ignored) {
            // the folder goes below
        }
        out = null;
        delete(clauses);
        delete(dir);
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary file under the run's tmp folder
        }
    }

    /** For tests: the folder of this solver's files (gone after {@link #free()}). */
    Path folder() {
        return dir;
    }
}

package org.gongyi.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell blocks of the README and docs/, run as a reader runs them: command after command in one bash (variables
 * set by one command are there for the next), from the checkout's root, against a launched platform. Each block is
 * marked for the tests by the line before it: {@code <!-- docs-test: Class#method -->} when that test runs it as
 * written, {@code <!-- docs-test: by Class#method — … -->} when that test covers it otherwise, {@code <!-- docs-test:
 * no — why -->} when nothing can (a Kubernetes cluster). The only change to a command is the ports: the docs' default
 * ports become the launched platform's.
 */
final class DocsShell implements AutoCloseable {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern DIRECTIVE = Pattern.compile("<!-- docs-test: (.*) -->");
    private static final Pattern PROBLEM = Pattern.compile("\"status\"\\s*:\\s*[45]\\d\\d\\b");
    private static final String DONE = "__gongyi_docs_done__";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

    /** A fenced shell block: where it is, the directive before it (null when none), its commands. */
    record Block(Path page, int line, String directive, List<String> commands) {
        @Override
        public String toString() {
            return ROOT.relativize(page) + ":" + line;
        }
    }

    /** What a command printed (standard output and error) and its exit status. */
    record Output(String text, int exitStatus) {}

    /** What the test expects of a command: found by a piece of its text, checked now or retried until it holds. */
    record Expect(String piece, Predicate<String> holds, boolean eventually, String promise) {
        static Expect now(String piece, String promise, Predicate<String> holds) {
            return new Expect(piece, holds, false, promise);
        }

        /** For reads only: run again (as a reader would) until it holds, the platform working in between. */
        static Expect eventually(String piece, String promise, Predicate<String> holds) {
            return new Expect(piece, holds, true, promise);
        }
    }

    private final Process bash;
    private final Writer in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Map<String, String> hosts;
    private final Path log;

    /**
     * @param env   added to the shell's environment (GONGYI_HOME, KAFKA_BOOTSTRAP_SERVERS …)
     * @param hosts the docs' addresses and the platform's ({@code localhost:8081} → {@code localhost:41234})
     * @param log   where every command and its output is written
     */
    DocsShell(Map<String, String> env, Map<String, String> hosts, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", "--norc", "--noprofile")
                .directory(ROOT.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        bash = pb.start();
        in = new OutputStreamWriter(bash.getOutputStream(), StandardCharsets.UTF_8);
        this.hosts = Map.copyOf(hosts);
        this.log = log;
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(bash.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        lines.add(DONE + " reader failed: " + e);
                    }
                },
                "docs-shell-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The block marked {@code <!-- docs-test: directive -->} in {@code page} (a path from the checkout's root). */
    static Block block(String page, String directive) throws IOException {
        List<Block> found = blocks(ROOT.resolve(page)).stream()
                .filter(b -> directive.equals(b.directive()))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError(page + " has " + found.size() + " shell blocks marked " + directive);
        }
        return found.get(0);
    }

    /** Every fenced bash block of a Markdown page, split into commands. */
    static List<Block> blocks(Path page) throws IOException {
        List<String> text = Files.readAllLines(page);
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            String fence = text.get(i).strip();
            if (!fence.startsWith("```")) {
                continue;
            }
            int start = i;
            int end = i + 1;
            while (end < text.size() && !text.get(end).strip().startsWith("```")) {
                end++;
            }
            if (fence.equals("```bash")) {
                String directive = null;
                for (int j = start - 1; j >= 0; j--) {
                    if (!text.get(j).isBlank()) {
                        Matcher m = DIRECTIVE.matcher(text.get(j).strip());
                        directive = m.matches() ? m.group(1) : null;
                        break;
                    }
                }
                String indent = text.get(start).substring(0, text.get(start).indexOf('`'));
                List<String> body = text.subList(start + 1, end).stream()
                        .map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l)
                        .toList();
                out.add(new Block(page, start + 1, directive, commands(body)));
            }
            i = end;
        }
        return out;
    }

    /** Lines joined into whole commands (continued lines, quotes over several lines); comment lines left out. */
    static List<String> commands(List<String> lines) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : lines) {
            if (pending.isEmpty() && (line.isBlank() || line.strip().startsWith("#"))) {
                continue;
            }
            pending.append(pending.isEmpty() ? "" : "\n").append(line);
            if (!line.endsWith("\\") && complete(pending.toString())) {
                out.add(pending.toString());
                pending.setLength(0);
            }
        }
        if (!pending.isEmpty()) {
            throw new AssertionError("an unfinished command at the end of a block: " + pending);
        }
        return out;
    }

    /** Whether bash reads {@code text} as complete (no quote or bracket left open). */
    private static boolean complete(String text) throws IOException {
        Process p = new ProcessBuilder("bash", "-n").redirectErrorStream(true).start();
        try (Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            w.write(text + "\n");
        }
        try {
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /**
     * Runs the block's commands in order. A command named by an expectation must print what it promises (retried
     * for an {@link Expect#eventually} read); every other command must exit 0 and print no 4xx/5xx problem. Commands
     * whose text contains one of {@code untilStopped} run until the reader would stop them (Ctrl-C after a while).
     */
    void run(Block block, List<Expect> expectations, List<String> untilStopped) throws Exception {
        Map<Expect, Integer> matched = new LinkedHashMap<>();
        for (Expect e : expectations) {
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < block.commands().size(); i++) {
                if (block.commands().get(i).contains(e.piece())) {
                    at.add(i);
                }
            }
            if (at.size() != 1) {
                throw new AssertionError(block + ": " + at.size() + " commands contain '" + e.piece() + "'");
            }
            matched.put(e, at.get(0));
        }
        for (int i = 0; i < block.commands().size(); i++) {
            String command = block.commands().get(i);
            int index = i;
            boolean stopped = untilStopped.stream().anyMatch(command::contains);
            Expect expect = matched.entrySet().stream()
                    .filter(m -> m.getValue() == index)
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse(null);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Output out = execute(command, stopped);
            while (expect != null
                    && expect.eventually()
                    && !expect.holds().test(out.text())
                    && System.nanoTime() < deadline) {
                Thread.sleep(500);
                out = execute(command, false);
            }
            String where = block + ", command " + (i + 1) + ":\n" + command + "\nprinted:\n" + out.text();
            if (out.exitStatus() != 0 && !(stopped && out.exitStatus() == 124)) {
                throw new AssertionError(where + "\nexit status " + out.exitStatus());
            }
            if (expect != null) {
                if (!expect.holds().test(out.text())) {
                    throw new AssertionError(where + "\nbut the docs promise: " + expect.promise());
                }
            } else {
                if (PROBLEM.matcher(out.text()).find()) {
                    throw new AssertionError(where + "\nan error the docs do not promise");
                }
            }
        }
    }

    /** One command in the shell (its standard input empty, as pasted commands' is); what it printed. */
    Output execute(String command, boolean untilStopped) throws Exception {
        String local = command;
        for (Map.Entry<String, String> h : hosts.entrySet()) {
            local = local.replaceAll(Pattern.quote(h.getKey()) + "(?!\\d)", Matcher.quoteReplacement(h.getValue()));
        }
        if (untilStopped) {
            local = "timeout -s INT 15 " + local;
        }
        in.write("{\n" + local + "\n} < /dev/null 2>&1\nprintf '\\n%s %s\\n' " + DONE + " $?\n");
        in.flush();
        StringBuilder text = new StringBuilder();
        long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no end after " + COMMAND_TIMEOUT.toSeconds() + " s: " + local + "\n" + text);
            }
            if (line.startsWith(DONE + " ")) {
                String out = text.toString().replaceAll("\n$", "");
                Files.writeString(
                        log,
                        "$ " + local + "\n" + out + "\n[exit " + line.substring(DONE.length() + 1) + "]\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                return new Output(
                        out, Integer.parseInt(line.substring(DONE.length() + 1).strip()));
            }
            text.append(line).append('\n');
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
        bash.destroy();
    }
}

package org.gongyi.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README and docs/: every link to a file of the checkout (and to a heading in it) leads somewhere, the README
 * stays a front door, and every shell block names the test that runs it (see {@link DocsShell}).
 */
class DocsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final int README_LINES = 250;

    @Test
    void everyLinkToTheCheckoutLeadsToAFileAndHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            for (String target : links(page)) {
                if (target.matches("[a-z]+:.*")) {
                    continue;
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved =
                        file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    broken.add(ROOT.relativize(page) + ": " + target + " (no such file)");
                } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
                    broken.add(ROOT.relativize(page) + ": " + target + " (no such heading)");
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void theReadmeIsAFrontDoorAndEveryDocsPageIsLinkedFromIt() throws IOException {
        Path readme = ROOT.resolve("README.md");
        long lines = Files.readAllLines(readme).size();
        assertTrue(lines <= README_LINES, "README.md has " + lines + " lines; references belong in docs/");
        Set<String> linked = new HashSet<>(links(readme));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            List<String> unlinked = docs.map(p -> "docs/" + p.getFileName())
                    .filter(p -> p.endsWith(".md"))
                    .filter(p -> !linked.contains(p))
                    .sorted()
                    .toList();
            assertEquals(List.of(), unlinked, "docs pages the README does not link");
        }
    }

    @Test
    void everyShellBlockNamesTheTestThatRunsIt() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Path page : pages()) {
            for (DocsShell.Block block : DocsShell.blocks(page)) {
                String d = block.directive();
                if (d == null) {
                    wrong.add(block + ": no <!-- docs-test: … --> before it");
                } else if (d.startsWith("no — ")) {
                    assertTrue(d.length() > 10, block + ": say why it is not run");
                } else {
                    String refs = d.startsWith("by ") ? d.substring(3).split(" — ", 2)[0] : d;
                    if (d.startsWith("by ") && !d.contains(" — ")) {
                        wrong.add(block + ": say how the tests named cover it");
                    }
                    for (String ref : refs.split(", ")) {
                        if (!testMethodExists(ref)) {
                            wrong.add(block + ": no test method " + ref);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** {@code Class#method} of this module's tests ({@code faults.FaultSuiteIT#…} for a sub-package). */
    private static boolean testMethodExists(String ref) {
        String[] parts = ref.split("#");
        if (parts.length != 2) {
            return false;
        }
        try {
            return Stream.of(Class.forName("org.gongyi.deploy." + parts[0]).getDeclaredMethods())
                    .anyMatch(m -> m.getName().equals(parts[1]) && m.isAnnotationPresent(Test.class));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** Link targets outside code blocks and code spans. */
    private static List<String> links(Path page) throws IOException {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (!fenced) {
                Matcher m = LINK.matcher(line.replaceAll("`[^`]*`(?!\\])", "``"));
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    /** GitHub's anchors for a Markdown file's headings (lower case, punctuation dropped, spaces as hyphens). */
    private static Set<String> anchors(Path file) throws IOException {
        Set<String> out = new HashSet<>();
        if (!file.toString().endsWith(".md")) {
            return out;
        }
        boolean fenced = false;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced && line.matches("#{1,6} .*")) {
                out.add(line.replaceFirst("#+ ", "")
                        .strip()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N}_\\- ]", "")
                        .replace(' ', '-'));
            }
        }
        return out;
    }
}

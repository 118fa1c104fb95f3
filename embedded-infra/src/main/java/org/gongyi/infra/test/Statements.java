package org.gongyi.infra.test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The SQL statements a service's compiled classes hold in constants. */
final class Statements {

    private static final Pattern STATEMENT = Pattern.compile("(?is)^\\s*(select|insert|update|delete|with)\\s.*");
    private static final Pattern ORDINAL = Pattern.compile("\\?(\\d+)");
    /** A template formatted before use ({@code %s}, {@code %2$s}): not a statement until then. */
    private static final Pattern TEMPLATE = Pattern.compile("%(\\d+\\$)?s");

    private Statements() {}

    /**
     * {@code Class.FIELD} → statement for every {@code static final String} field of the classes of {@code pkg}
     * (and below) in {@code classes} whose value is a statement; {@code ?n} parameters are written {@code $n}.
     */
    static Map<String, String> constantsUnder(Path classes, String pkg)
            throws IOException, ReflectiveOperationException {
        Map<String, String> out = new TreeMap<>();
        Path root = classes.resolve(pkg.replace('.', '/'));
        if (!Files.isDirectory(root)) {
            return out;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, loader);
                for (Field field : type.getDeclaredFields()) {
                    int m = field.getModifiers();
                    if (!Modifier.isStatic(m) || !Modifier.isFinal(m) || field.getType() != String.class) {
                        continue;
                    }
                    field.setAccessible(true);
                    String value = (String) field.get(null);
                    if (value != null
                            && STATEMENT.matcher(value).matches()
                            && !TEMPLATE.matcher(value).find()) {
                        out.put(
                                type.getSimpleName() + "." + field.getName(),
                                ORDINAL.matcher(value).replaceAll("\\$$1"));
                    }
                }
            }
        }
        return out;
    }
}

package org.gongyi.reunion.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A nullable enum of a view is written in the document as text with its values ({@code @Schema(nullable = true,
 * implementation = String.class, enumeration = ...)}): a nullable reference to the enum's schema would refuse null
 * (issue #35). The values written there are the enum's, all of them.
 */
class NullableEnumsTest {

    @Test
    void theValuesDeclaredAreTheEnumsOwn() {
        int checked = 0;
        for (Class<?> outer : List.of(
                AlertResource.class,
                CaseDtos.class,
                ChildReportDtos.class,
                DeviceResource.class,
                DnaPointResource.class,
                ElderDtos.class,
                ElderResource.class,
                StatisticsResource.class)) {
            for (Class<?> view : outer.getDeclaredClasses()) {
                if (!view.isRecord()) {
                    continue;
                }
                for (RecordComponent c : view.getRecordComponents()) {
                    Schema schema = field(view, c).getAnnotation(Schema.class);
                    if (schema == null || schema.enumeration().length == 0) {
                        continue;
                    }
                    String where = view.getSimpleName() + "." + c.getName();
                    List<String> values = Arrays.stream(c.getType().getEnumConstants())
                            .map(e -> ((Enum<?>) e).name())
                            .toList();
                    assertEquals(values, List.of(schema.enumeration()), where);
                    checked++;
                }
            }
        }
        assertFalse(checked == 0, "no nullable enum found: the test looks in the wrong place");
    }

    private static java.lang.reflect.Field field(Class<?> view, RecordComponent c) {
        try {
            return view.getDeclaredField(c.getName());
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }
}

package org.mptcpverify.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Shared-vocabulary names given on the command line, resolved or rejected with the known ones listed. */
public final class Names {
    private Names() {}

    public static <T> T one(String given, String option, Function<String, Optional<T>> byName, T[] known) {
        return byName.apply(given).orElseThrow(() -> new UserInputException(option + ": unknown name '" + given
                + "' (known: " + String.join(", ", Arrays.stream(known).map(Object::toString).toList()) + ")"));
    }

    public static <T> List<T> all(List<String> given, String option, Function<String, Optional<T>> byName, T[] known) {
        List<T> out = new ArrayList<>();
        for (String n : given) {
            out.add(one(n, option, byName, known));
        }
        return out;
    }
}

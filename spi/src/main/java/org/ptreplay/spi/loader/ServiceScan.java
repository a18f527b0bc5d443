package org.ptreplay.spi.loader;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Spliterator;
import java.util.function.Predicate;
import org.ptreplay.trace.Printable;

/**
 * Runs one ServiceLoader lookup to the end, turning every provider into an instance or a failure,
 * so that one bad provider never hides the others.
 */
final class ServiceScan {

    /** A provider class that was instantiated, or could not be (then {@code instance} is null). */
    record Result<T>(String className, T instance, String failure) {
    }

    private ServiceScan() {
    }

    /**
     * @param inScope    which provider classes to keep: a layer's lookup also returns the parent
     *                   layers' providers, which are not this jar's
     * @param declaredBy the plugin module whose declared providers explain load failures, or null
     */
    static <T> List<Result<T>> scan(ServiceLoader<T> loader, Class<T> service, Predicate<Class<?>> inScope,
                                    Module declaredBy) {
        List<Result<T>> results = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        List<ServiceConfigurationError> loadErrors = new ArrayList<>();
        Spliterator<ServiceLoader.Provider<T>> providers = loader.stream().spliterator();
        List<ServiceLoader.Provider<T>> next = new ArrayList<>(1);
        while (true) {
            next.clear();
            try {
                if (!providers.tryAdvance(next::add)) {
                    break;
                }
            } catch (ServiceConfigurationError e) {
                // A provider class that cannot be loaded (not public, no public no-arg constructor,
                // not a subtype). ServiceLoader's lookup iterators hand such an error out once and
                // then go on with the next provider, so the loop continues.
                loadErrors.add(e);
                continue;
            }
            ServiceLoader.Provider<T> provider = next.get(0);
            if (!inScope.test(provider.type())) {
                continue;
            }
            String className = provider.type().getName();
            seen.add(className);
            try {
                results.add(new Result<>(className, provider.get(), null));
            } catch (ServiceConfigurationError e) {
                results.add(new Result<>(className, null, instantiationFailure(e, service)));
            } catch (Throwable e) {
                // A static initializer that throws (ExceptionInInitializerError) or any Error the
                // constructor raises outside ServiceLoader's own wrapping: still one provider's failure.
                results.add(new Result<>(className, null, "constructor threw " + Printable.of(e.toString())));
            }
        }
        if (!loadErrors.isEmpty()) {
            results.addAll(explain(loadErrors, seen, service, declaredBy));
        }
        return results;
    }

    /** ServiceLoader unwraps the constructor's exception into the error's cause. */
    private static String instantiationFailure(ServiceConfigurationError e, Class<?> service) {
        Throwable cause = e.getCause();
        return cause == null ? strip(e, service) : "constructor threw " + Printable.of(cause.toString());
    }

    /**
     * ServiceLoader's load errors do not say which class failed in a usable form; the plugin
     * module declares its providers, so each declared class that never came out of the lookup is
     * looked at directly.
     */
    private static <T> List<Result<T>> explain(List<ServiceConfigurationError> errors, List<String> seen,
                                               Class<T> service, Module declaredBy) {
        List<Result<T>> failures = new ArrayList<>();
        List<ServiceConfigurationError> unexplained = new ArrayList<>(errors);
        if (declaredBy != null) {
            for (String className : declaredProviders(declaredBy, service)) {
                if (seen.contains(className)) {
                    continue;
                }
                ServiceConfigurationError error = unexplained.stream()
                        .filter(e -> String.valueOf(e.getMessage()).contains(className))
                        .findFirst().orElse(null);
                unexplained.remove(error);
                String reason = diagnose(declaredBy, className, service)
                        .orElse(error == null ? "provider could not be loaded" : strip(error, service));
                failures.add(new Result<>(className, null, reason));
            }
        }
        for (ServiceConfigurationError e : unexplained) {
            failures.add(new Result<>(null, null, strip(e, service)));
        }
        return failures;
    }

    private static List<String> declaredProviders(Module module, Class<?> service) {
        return module.getDescriptor().provides().stream()
                .filter(p -> p.service().equals(service.getName()))
                .flatMap(p -> p.providers().stream())
                .toList();
    }

    /** The rules ServiceLoader applies to a provider class, checked one by one for a clear reason. */
    private static Optional<String> diagnose(Module module, String className, Class<?> service) {
        Class<?> type;
        try {
            type = Class.forName(module, className);
        } catch (LinkageError e) {
            return Optional.of("provider class cannot be loaded: " + e);
        }
        if (type == null) {
            return Optional.of("provider class is not in the jar");
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            return Optional.of("provider class is not public");
        }
        if (!service.isAssignableFrom(type)) {
            return Optional.of("provider class does not implement " + service.getName());
        }
        try {
            type.getConstructor();
        } catch (NoSuchMethodException e) {
            return Optional.of("provider class has no public no-argument constructor");
        }
        return Optional.empty();
    }

    /** ServiceLoader prefixes its messages with the service name. */
    private static String strip(ServiceConfigurationError e, Class<?> service) {
        String message = String.valueOf(e.getMessage());
        String prefix = service.getName() + ": ";
        return Printable.of(message.startsWith(prefix) ? message.substring(prefix.length()) : message);
    }
}

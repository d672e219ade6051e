package org.hessrank.net;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;

/**
 * Custom layers from jar files ({@code hessrank ... --layers JAR}): each jar is opened with its own
 * {@link URLClassLoader} (parent: the class loader of hessrank), its providers of
 * {@link CustomLayer} are found by {@link ServiceLoader} from the jar's
 * {@code META-INF/services/org.hessrank.net.CustomLayer}, and each provider is registered with
 * {@link LayerRegistry} under its {@link CustomLayer#name()}, with {@link CustomLayer#create} as the
 * factory. A provider is a prototype: a public class with a public no-argument constructor that
 * overrides {@code create}.
 *
 * <p>All jars are checked before any name is registered, so a bad jar registers nothing; a jar
 * given twice is loaded once. A name
 * registered before (from Java, or by an earlier load in the same JVM) is replaced, as
 * {@link LayerRegistry#register} does. Cost: opening the jars and instantiating one object per
 * provider.
 */
public final class LayerJars {
    /** The service file a layer jar must hold. */
    public static final String SERVICE = "META-INF/services/" + CustomLayer.class.getName();

    private LayerJars() {
    }

    /**
     * Loads and registers the layers of {@code jars}.
     *
     * @return the registered names, name → jar, in load order
     * @throws IllegalArgumentException naming the jar: it does not exist, is not a readable jar, has
     *     no {@value #SERVICE} or no provider in it, a provider cannot be instantiated or does not
     *     override {@code create}, or a layer name is invalid, built in, or also given by another
     *     provider of these jars
     */
    public static Map<String, Path> load(List<Path> jars) {
        Map<String, Path> from = new LinkedHashMap<>();
        Map<String, CustomLayer> prototypes = new LinkedHashMap<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (Path jar : jars) {
            if (!seen.add(jar.toAbsolutePath().normalize())) {
                continue; // the same jar given twice is loaded once
            }
            for (CustomLayer p : providers(jar)) {
                String name = p.name();
                try {
                    LayerRegistry.checkName(name);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--layers " + jar + ": " + e.getMessage());
                }
                Path other = from.putIfAbsent(name, jar);
                if (other != null) {
                    throw new IllegalArgumentException("--layers " + jar + ": layer name (" + name + ") is also given by "
                            + (other.equals(jar) ? "another provider of the same jar" : other));
                }
                prototypes.put(name, p);
            }
        }
        prototypes.forEach((name, p) -> LayerRegistry.register(name, p::create));
        return from;
    }

    /** The providers of one jar, instantiated. */
    private static List<CustomLayer> providers(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("--layers " + jar + ": " + (Files.exists(jar) ? "not a regular file"
                    : "no such file"));
        }
        try (JarFile jf = new JarFile(jar.toFile())) {
            if (jf.getEntry(SERVICE) == null) {
                throw new IllegalArgumentException("--layers " + jar + ": no " + SERVICE
                        + " in the jar (it must list the CustomLayer providers)");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--layers " + jar + ": not a readable jar (" + e.getMessage() + ")");
        }
        URL url;
        try {
            url = jar.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("--layers " + jar + ": " + e.getMessage());
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {url}, LayerJars.class.getClassLoader());
        List<CustomLayer> out = new ArrayList<>();
        try {
            Enumeration<URL> own = loader.findResources(SERVICE);
            if (!own.hasMoreElements()) {
                throw new IllegalArgumentException("--layers " + jar + ": no " + SERVICE + " in the jar");
            }
            for (CustomLayer p : ServiceLoader.load(CustomLayer.class, loader)) {
                if (p.getClass().getMethod("create", LayerArguments.class).getDeclaringClass() == CustomLayer.class) {
                    throw new IllegalArgumentException("--layers " + jar + ": provider " + p.getClass().getName()
                            + " does not override CustomLayer.create(LayerArguments)");
                }
                out.add(p);
            }
        } catch (ServiceConfigurationError | IOException | NoSuchMethodException | LinkageError e) {
            throw new IllegalArgumentException("--layers " + jar + ": " + e.getMessage().replace('\n', ' '));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--layers " + jar + ": " + SERVICE + " lists no provider");
        }
        return out;
    }
}

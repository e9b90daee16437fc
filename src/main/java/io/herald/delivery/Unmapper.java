package io.herald.delivery;

import java.lang.reflect.Field;
import java.nio.MappedByteBuffer;

import io.quarkus.logging.Log;
import sun.misc.Unsafe;

/**
 * Unmaps a mapped file at once. The JDK unmaps a {@link MappedByteBuffer} only when the collector finds it
 * unreachable, which for a buffer that lived long enough to reach the old generation is the next full collection:
 * until then its pages stay in the process's resident memory, even after the file is deleted. {@code
 * sun.misc.Unsafe.invokeCleaner} (module jdk.unsupported, there for this purpose since JDK 9) runs the buffer's cleaner
 * now. The buffer must not be touched afterwards: the ledger journal unmaps a segment only under its lock, once no
 * line will be added to it.
 */
final class Unmapper {

    private static final Unsafe UNSAFE = unsafe();

    private Unmapper() {}

    static void unmap(MappedByteBuffer buffer) {
        if (UNSAFE != null) {
            UNSAFE.invokeCleaner(buffer);
        }
    }

    private static Unsafe unsafe() {
        try {
            Field field = Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (Unsafe) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Left to the collector, as for any mapped buffer.
            Log.debugf("Mapped files are unmapped by the collector: %s", e.toString());
            return null;
        }
    }
}

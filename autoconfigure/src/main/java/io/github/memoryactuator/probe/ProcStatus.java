package io.github.memoryactuator.probe;

import java.util.OptionalLong;

/**
 * The memory lines of {@code /proc/self/status}, in bytes. Only {@code VmRSS} is
 * required; the split into anonymous, file and shared memory needs Linux 4.5 or later.
 *
 * @param rss resident set size ({@code VmRSS})
 * @param rssAnon resident anonymous memory ({@code RssAnon})
 * @param rssFile resident file mappings ({@code RssFile})
 * @param rssShmem resident shared memory ({@code RssShmem})
 * @param swap swapped-out anonymous memory ({@code VmSwap})
 * @param peakRss peak resident set size ({@code VmHWM})
 * @param threads number of OS threads ({@code Threads}), a count, not bytes
 * @since 0.1.0
 */
public record ProcStatus(long rss, OptionalLong rssAnon, OptionalLong rssFile, OptionalLong rssShmem,
		OptionalLong swap, OptionalLong peakRss, OptionalLong threads) {

}

package io.github.memoryactuator.reclaim;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.probe.Reading;

/**
 * {@link VmFlags} through a {@link HotSpotDiagnosticMXBean}, or none when the JVM has
 * no such bean.
 */
final class HotSpotVmFlags implements VmFlags {

	private static final String NO_BEAN = "this JVM has no HotSpotDiagnosticMXBean";

	private final @Nullable HotSpotDiagnosticMXBean bean;

	HotSpotVmFlags(@Nullable HotSpotDiagnosticMXBean bean) {
		this.bean = bean;
	}

	static HotSpotVmFlags platform() {
		try {
			return new HotSpotVmFlags(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class));
		}
		catch (RuntimeException ex) {
			return new HotSpotVmFlags(null);
		}
	}

	@Override
	public Reading<String> read(String name) {
		if (this.bean == null) {
			return Reading.unavailable(NO_BEAN);
		}
		try {
			VMOption option = this.bean.getVMOption(name);
			return Reading.of(option.getValue());
		}
		// Another collector's experimental flags (ShenandoahUncommitDelay) "do not exist"
		// unless unlocked.
		catch (RuntimeException ex) {
			return Reading.unavailable("flag " + name + " cannot be read: " + ex.getMessage());
		}
	}

	@Override
	public void write(String name, String value) {
		if (this.bean == null) {
			throw new IllegalArgumentException(NO_BEAN);
		}
		try {
			this.bean.setVMOption(name, value);
		}
		catch (IllegalArgumentException ex) {
			throw ex;
		}
		// A SecurityManager may refuse with a SecurityException; callers see one kind.
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(ex.getClass().getSimpleName() + ": " + ex.getMessage(), ex);
		}
	}

}

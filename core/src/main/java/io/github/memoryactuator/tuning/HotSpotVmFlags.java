/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.memoryactuator.tuning;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.probe.Reading;

/**
 * {@link VmFlags} through a {@link HotSpotDiagnosticMXBean}, or none when the JVM has no
 * such bean.
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

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

package io.github.memoryactuator.profiling;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A sampled allocation's stack, leaf first, with the type it allocated.
 *
 * @param type the allocated type, as Java writes it ({@code byte[]})
 * @param frames the frames, the allocating method first
 * @since 0.1.0
 */
record SampledStack(String type, List<Frame> frames) {

	/**
	 * Create a stack.
	 * @param type the allocated type
	 * @param frames the frames, leaf first
	 */
	public SampledStack {
		frames = List.copyOf(frames);
	}

	/**
	 * Return the allocation site: the first frame outside the JDK, or the leaf when every
	 * frame is the JDK's. {@code ArrayList.grow} allocates, but its caller is the site
	 * that can be changed.
	 * @return the site, or {@code null} when the stack is empty
	 */
	public @Nullable Frame site() {
		for (Frame frame : this.frames) {
			if (!frame.isJdk()) {
				return frame;
			}
		}
		return this.frames.isEmpty() ? null : this.frames.get(0);
	}

	/**
	 * Return this stack cut after its site, so that stacks that differ only below the
	 * site share one entry.
	 * @return the shorter stack
	 */
	SampledStack truncatedToSite() {
		Frame site = site();
		int end = (site != null) ? this.frames.indexOf(site) + 1 : 0;
		return (end == this.frames.size()) ? this : new SampledStack(this.type, this.frames.subList(0, end));
	}

}

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

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Shares one {@link Frame} (and one copy of its strings) among every stack that passes
 * through it: a request's stacks differ at the top and share dozens of framework frames
 * below. Bounded: when full, an unknown frame is refused, and the caller cuts its stack
 * there; once a minute the aggregator keeps only the frames its stacks still use. Not
 * thread-safe: used on the recording stream's thread only.
 */
final class FrameInterner {

	private final int capacity;

	private final Map<Frame, Frame> frames = new HashMap<>();

	private final Map<String, String> names = new HashMap<>();

	FrameInterner(int capacity) {
		this.capacity = capacity;
	}

	// The shared frame, or null when it is new and the interner is full.
	@Nullable Frame frame(String className, String method, int line) {
		Frame frame = new Frame(className, method, line);
		Frame shared = this.frames.get(frame);
		if (shared != null) {
			return shared;
		}
		if (this.frames.size() >= this.capacity) {
			return null;
		}
		shared = new Frame(name(className), name(method), line);
		this.frames.put(shared, shared);
		return shared;
	}

	// The shared copy of a name; type names use it too.
	String name(String name) {
		String shared = this.names.get(name);
		if (shared != null) {
			return shared;
		}
		if (this.names.size() < 2 * this.capacity) {
			this.names.put(name, name);
		}
		return name;
	}

	// Forget every frame that none of these stacks uses.
	void retainOnly(Collection<SampledStack> inUse) {
		this.frames.clear();
		this.names.clear();
		for (SampledStack stack : inUse) {
			this.names.putIfAbsent(stack.type(), stack.type());
			for (Frame frame : stack.frames()) {
				this.frames.putIfAbsent(frame, frame);
				this.names.putIfAbsent(frame.className(), frame.className());
				this.names.putIfAbsent(frame.method(), frame.method());
			}
		}
	}

	int size() {
		return this.frames.size();
	}

}

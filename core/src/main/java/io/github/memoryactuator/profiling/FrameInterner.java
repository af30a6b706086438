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

import java.util.HashMap;
import java.util.Map;

/**
 * Shares one {@link Frame} (and one copy of its strings) among every stack that passes
 * through it: a request's stacks differ at the top and share dozens of framework frames
 * below. Bounded: past the cap, frames are still made, only no longer shared. Not
 * thread-safe; its owner locks.
 */
final class FrameInterner {

	private final int capacity;

	private final Map<Frame, Frame> frames = new HashMap<>();

	private final Map<String, String> names = new HashMap<>();

	FrameInterner(int capacity) {
		this.capacity = capacity;
	}

	Frame frame(String className, String method, int line) {
		Frame frame = new Frame(name(className), name(method), line);
		Frame shared = this.frames.get(frame);
		if (shared != null) {
			return shared;
		}
		if (this.frames.size() < this.capacity) {
			this.frames.put(frame, frame);
		}
		return frame;
	}

	String name(String name) {
		String shared = this.names.get(name);
		if (shared != null) {
			return shared;
		}
		if (this.names.size() < this.capacity) {
			this.names.put(name, name);
		}
		return name;
	}

	int size() {
		return this.frames.size();
	}

}

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

package io.github.memoryactuator.softlimit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the controller did: the last actions with the memory before and after each, the
 * count of each kind, and the forced collections and their pauses over the last minute,
 * which bound how often it may force another.
 */
final class ActionLog {

	private static final int ACTIONS_KEPT = 10;

	private final Deque<SoftLimitStatus.Action> actions = new ArrayDeque<>();

	private final Map<String, Long> counts = new LinkedHashMap<>();

	private final Deque<Long> forced = new ArrayDeque<>();

	private final Deque<long[]> pauses = new ArrayDeque<>();

	void count(String kind) {
		this.counts.merge(kind, 1L, Long::sum);
	}

	void record(SoftLimitStatus.Action action) {
		this.actions.addLast(action);
		while (this.actions.size() > ACTIONS_KEPT) {
			this.actions.removeFirst();
		}
	}

	// An action's figures once its effect has settled.
	void replace(SoftLimitStatus.Action old, SoftLimitStatus.Action settled) {
		List<SoftLimitStatus.Action> list = new ArrayList<>(this.actions);
		int at = list.indexOf(old);
		if (at >= 0) {
			list.set(at, settled);
			this.actions.clear();
			this.actions.addAll(list);
		}
	}

	void forced(long now, int collections) {
		for (int i = 0; i < collections; i++) {
			this.forced.addLast(now);
		}
	}

	void pause(long now, long millis) {
		this.pauses.addLast(new long[] { now, millis });
	}

	// Drop what is older than a minute.
	void prune(long now) {
		while (!this.forced.isEmpty() && now - this.forced.peekFirst() > SoftLimitController.MINUTE) {
			this.forced.removeFirst();
		}
		while (!this.pauses.isEmpty() && now - this.pauses.peekFirst()[0] > SoftLimitController.MINUTE) {
			this.pauses.removeFirst();
		}
	}

	int forcedLastMinute() {
		return this.forced.size();
	}

	long pauseLastMinute() {
		long pause = 0;
		for (long[] entry : this.pauses) {
			pause += entry[1];
		}
		return pause;
	}

	List<SoftLimitStatus.Action> actions() {
		return List.copyOf(this.actions);
	}

	Map<String, Long> counts() {
		return this.counts;
	}

}

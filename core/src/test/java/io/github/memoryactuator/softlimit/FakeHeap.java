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

import java.time.Instant;
import java.util.function.LongUnaryOperator;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.liveset.CollectionScope;
import io.github.memoryactuator.liveset.LiveSet;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.reclaim.NativeTrim;

/**
 * A heap whose collections do what the test says: by default a collection shrinks the
 * committed heap to twice the live set, as G1 does with the free ratios pulsed.
 */
final class FakeHeap implements JvmHeap {

	long committed;

	long nonHeapCommitted = 40 * SoftLimitController.MB;

	long live;

	int collections;

	int trims;

	long trimReleases;

	boolean canTrim = true;

	LongUnaryOperator onCollect = (committed) -> Math.max(2 * this.live, 16 * SoftLimitController.MB);

	private final Instant time;

	boolean collected = true;

	FakeHeap(Instant time, long committed, long live) {
		this.time = time;
		this.committed = committed;
		this.live = live;
	}

	@Override
	public long heapCommitted() {
		return this.committed;
	}

	@Override
	public long nonHeapCommitted() {
		return this.nonHeapCommitted;
	}

	@Override
	public LiveSet.@Nullable Point live() {
		return this.collected ? new LiveSet.Point(this.time, this.live, this.committed, CollectionScope.FULL) : null;
	}

	@Override
	public long liveUpperBound() {
		return this.collected ? this.live : 0;
	}

	@Override
	public boolean collect() {
		this.collections++;
		this.collected = true;
		this.committed = this.onCollect.applyAsLong(this.committed);
		return true;
	}

	@Override
	public Reading<NativeTrim> trim() {
		this.trims++;
		return Reading.of(new NativeTrim(0, 0, this.trimReleases));
	}

	@Override
	public boolean canTrim() {
		return this.canTrim;
	}

}

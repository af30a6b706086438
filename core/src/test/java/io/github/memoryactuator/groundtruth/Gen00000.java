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

package io.github.memoryactuator.groundtruth;

/**
 * A template for the classes {@link GroundTruthProbe} generates to fill metaspace: its
 * bytes are defined again under other names ({@code Gen00001}, ...), so it has some
 * methods and constants to weigh something.
 */
public class Gen00000 {

	private long a;

	private long b;

	private String name = "Gen00000";

	public long one(long x) {
		return this.a * x + this.b - x / 3;
	}

	public long two(long x, long y) {
		return (x ^ y) + this.a - (y << 2) + this.name.length();
	}

	public String three(int x) {
		StringBuilder text = new StringBuilder("three:");
		for (int i = 0; i < x; i++) {
			text.append(i).append(',');
		}
		return text.toString();
	}

	public int four(int[] values) {
		int sum = 0;
		for (int value : values) {
			sum += (value % 7 == 0) ? value * 2 : value;
		}
		return sum;
	}

	public double five(double x) {
		return Math.sqrt(Math.abs(x)) + Math.sin(x) * Math.cos(x) - Math.log1p(Math.abs(x));
	}

	public String six(String s) {
		return s.toUpperCase(java.util.Locale.ROOT).replace('A', 'B').strip() + this.name;
	}

	public long seven(long x) {
		long result = 1;
		for (long i = 2; i <= x; i++) {
			result = result * i % 1_000_000_007L;
		}
		return result;
	}

	public boolean eight(Object o) {
		return (o instanceof String text) ? text.isEmpty() : o.hashCode() % 2 == 0;
	}

	public int nine(String s) {
		return switch (s) {
			case "alpha" -> 1;
			case "beta" -> 2;
			case "gamma" -> 3;
			case "delta" -> 4;
			default -> s.length();
		};
	}

	public void ten(long x) {
		this.a = x;
		this.b = x * 31 + 17;
		this.name = "ten" + x;
	}

}

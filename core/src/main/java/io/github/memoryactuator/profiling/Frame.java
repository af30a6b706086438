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

/**
 * One frame of an allocation's stack.
 *
 * @param className the binary name of the method's class, such as
 * {@code com.acme.Cache$Entry}
 * @param method the method's name
 * @param line the source line, or 0 or less when the class has no line numbers
 * @since 0.1.0
 */
public record Frame(String className, String method, int line) {

	private static final String[] JDK_PACKAGES = { "java.", "javax.", "jdk.", "sun.", "com.sun." };

	/**
	 * Return the name of the source file, derived from the top-level class: Flight
	 * Recorder does not record it, and for Java sources this is the file's name.
	 * @return the file name, such as {@code Cache.java}
	 */
	public String fileName() {
		String source = sourceClass();
		return source.substring(source.lastIndexOf('.') + 1) + ".java";
	}

	/**
	 * Return the source file's path under its source root, derived as {@link #fileName()}
	 * is.
	 * @return the path, such as {@code com/acme/Cache.java}
	 */
	public String sourcePath() {
		return sourceClass().replace('.', '/') + ".java";
	}

	// The top-level class: without a hidden class's suffix (Class.getName() writes
	// "Foo$$Lambda$14/0x0000000800c0b000", Flight Recorder "Foo$$Lambda$14+0x00007f...")
	// and without nested classes.
	private String sourceClass() {
		String name = this.className;
		int hidden = name.indexOf('/');
		int address = name.indexOf("+0x");
		if (address >= 0 && (hidden < 0 || address < hidden)) {
			hidden = address;
		}
		if (hidden >= 0) {
			name = name.substring(0, hidden);
		}
		int simple = name.lastIndexOf('.') + 1;
		int nested = name.indexOf('$', simple);
		return (nested > simple) ? name.substring(0, nested) : name;
	}

	/**
	 * Return the function's name as pprof shows it: {@code com.acme.Cache.put}.
	 * @return the qualified method name
	 */
	public String function() {
		return this.className + "." + this.method;
	}

	/**
	 * Return whether the method belongs to the JDK, so that a site can name the first
	 * frame of the application instead ({@code ArrayList.grow} allocates, the caller
	 * leaks).
	 * @return whether the class is in a JDK package
	 */
	public boolean isJdk() {
		for (String prefix : JDK_PACKAGES) {
			if (this.className.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the frame as a stack trace prints it:
	 * {@code com.acme.Cache.put(Cache.java:42)}.
	 * @return the text
	 */
	@Override
	public String toString() {
		return function() + "(" + fileName() + ((this.line > 0) ? ":" + this.line : "") + ")";
	}

}

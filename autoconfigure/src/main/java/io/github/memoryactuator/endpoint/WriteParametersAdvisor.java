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

package io.github.memoryactuator.endpoint;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.InvocationContext;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvoker;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvokerAdvisor;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameter;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameters;
import org.springframework.boot.actuate.endpoint.invoke.ParameterMappingException;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;

/**
 * Holds the memory endpoint's write operations to every parameter known and valid. Boot's
 * actuator binds an operation's parameters by name and drops the rest of a JSON body, so
 * {@code {"gcc": false}} ran a full GC: here an argument the operation does not take is
 * refused before anything runs, naming it and the parameters there are. A value Boot
 * cannot convert to the parameter's type is refused with a message that names the
 * parameter and what it takes, instead of Boot's generic mapping failure.
 * <p>
 * An advisor, because it sees the invocation's arguments before they are bound, and
 * because Boot applies it to the operations of every technology. Over HTTP the answer is
 * a 400 with the endpoint's JSON error body: Boot's own 400 for an invalid request
 * carries no message by default. Over JMX the operation throws, and the client gets the
 * message; a JMX client can only pass the parameters an operation declares.
 *
 * @since 0.1.0
 */
public class WriteParametersAdvisor implements OperationInvokerAdvisor {

	private static final EndpointId MEMORY = EndpointId.of("memory");

	@Override
	public OperationInvoker apply(EndpointId endpointId, OperationType operationType, OperationParameters parameters,
			OperationInvoker invoker) {
		if (!MEMORY.equals(endpointId) || operationType == OperationType.READ) {
			return invoker;
		}
		Set<String> names = new TreeSet<>();
		parameters.stream().map(OperationParameter::getName).forEach(names::add);
		// Selectors arrive as arguments too, from the path; the message lists only what a
		// body or a query may carry.
		List<String> listed = parameters.stream()
			.filter((parameter) -> parameter.getAnnotation(Selector.class) == null)
			.map(OperationParameter::getName)
			.toList();
		return (context) -> {
			List<String> unknown = context.getArguments()
				.keySet()
				.stream()
				.filter((name) -> !names.contains(name))
				.sorted()
				.toList();
			if (!unknown.isEmpty()) {
				return refuse(context, new InvalidParameterException(unknown.get(0), unknown(unknown, listed)));
			}
			try {
				return invoker.invoke(context);
			}
			catch (ParameterMappingException ex) {
				return refuse(context, new InvalidParameterException(ex.getParameter().getName(), mismatch(ex)));
			}
		};
	}

	private static Object refuse(InvocationContext context, InvalidParameterException ex) {
		// Every web technology offers the server namespace; JMX does not.
		if (context.canResolve(WebServerNamespace.class)) {
			return ErrorResponses.badParameter(ex);
		}
		throw ex;
	}

	private static String unknown(List<String> unknown, List<String> listed) {
		String names = String.join("', '", unknown.stream().map(MemoryEndpoint::abbreviate).toList());
		return "Unknown parameter" + ((unknown.size() > 1) ? "s" : "") + " '" + names + "'; nothing was run. "
				+ (listed.isEmpty() ? "This operation takes no parameters"
						: "The parameters are " + String.join(", ", listed));
	}

	private static String mismatch(ParameterMappingException ex) {
		String name = ex.getParameter().getName();
		Class<?> type = ex.getParameter().getType();
		String wanted;
		if (type == Boolean.class || type == boolean.class) {
			wanted = "true or false";
		}
		else if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			wanted = "a whole number";
		}
		else {
			wanted = "a " + type.getSimpleName();
		}
		return "'" + name + "' must be " + wanted + ", but was '"
				+ MemoryEndpoint.abbreviate(String.valueOf(ex.getValue())) + "'";
	}

}

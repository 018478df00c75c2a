/**
 * The transport SPI: one method, {@link com.treasuredata.cas.databricks.transport.Transport#execute},
 * plus {@link com.treasuredata.cas.databricks.transport.TransportInterceptor}s around it.
 *
 * <p>Start with {@code Transport}, {@code TransportRequest} and {@code TransportResponse}. This
 * package is API. Nothing here accepts or returns null; absent values are {@code Optional}.
 */
package com.treasuredata.cas.databricks.transport;

/**
 * The default transport, on OkHttp: {@link com.treasuredata.cas.databricks.transport.okhttp.OkHttpTransport}.
 *
 * <p>This package is API and is the only one whose signatures mention OkHttp types. Nothing here
 * accepts or returns null.
 */
package com.treasuredata.cas.databricks.transport.okhttp;

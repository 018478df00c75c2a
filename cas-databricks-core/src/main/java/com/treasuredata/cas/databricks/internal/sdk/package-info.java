/**
 * Not API: the only code that touches databricks-sdk-java (pinned to 0.141.0). It resolves
 * profiles and environment variables with {@code DatabricksConfig} and adapts our transport to the
 * SDK's {@code HttpClient} so that the SDK's OAuth traffic goes through it.
 *
 * <p>Start with {@link com.treasuredata.cas.databricks.internal.sdk.SdkConfigs} and
 * {@link com.treasuredata.cas.databricks.internal.sdk.SdkHttpClientAdapter}. Everything here may
 * change or be removed in any release, including patch releases. Nothing accepts or returns null.
 */
package com.treasuredata.cas.databricks.internal.sdk;

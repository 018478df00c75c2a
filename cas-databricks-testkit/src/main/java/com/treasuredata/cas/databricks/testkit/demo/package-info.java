/**
 * The runnable demo behind the README's first command: {@link
 * com.treasuredata.cas.databricks.testkit.demo.OnboardingDemo} onboards a fake workspace over
 * loopback HTTP. Not API: it may change in any release.
 */
package com.treasuredata.cas.databricks.testkit.demo;

package com.treasuredata.cas.databricks.testkit.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes one HTTP/1.1 response with a {@code Content-Length} body; never chunked. */
final class HttpResponseWriter {

  private HttpResponseWriter() {}

  static void write(OutputStream out, int status, Map<String, String> headers, String body, boolean keepAlive,
      boolean headRequest) throws IOException {
    byte[] bytes = body.isEmpty() ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(256)
        .append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    boolean hasContentType = false;
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = header.getKey();
      // The server owns framing; an engine-supplied length or encoding could desynchronise the stream.
      if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
          || name.equalsIgnoreCase("Connection")) {
        continue;
      }
      hasContentType |= name.equalsIgnoreCase("Content-Type");
      head.append(name).append(": ").append(header.getValue()).append("\r\n");
    }
    if (!hasContentType && bytes.length > 0) {
      head.append("Content-Type: application/json\r\n");
    }
    head.append("Content-Length: ").append(bytes.length).append("\r\n");
    if (!keepAlive) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!headRequest) {
      out.write(bytes);
    }
    out.flush();
  }

  static String reason(int status) {
    switch (status) {
      case 200: return "OK";
      case 201: return "Created";
      case 204: return "No Content";
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 405: return "Method Not Allowed";
      case 409: return "Conflict";
      case 413: return "Content Too Large";
      case 429: return "Too Many Requests";
      case 431: return "Request Header Fields Too Large";
      case 500: return "Internal Server Error";
      case 501: return "Not Implemented";
      case 502: return "Bad Gateway";
      case 503: return "Service Unavailable";
      case 504: return "Gateway Timeout";
      case 505: return "HTTP Version Not Supported";
      default: return "Status";
    }
  }
}

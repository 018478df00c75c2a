package com.treasuredata.cas.databricks.testkit.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads HTTP/1.1 requests off one connection: request line, headers, and a body sent with
 * {@code Content-Length} or {@code Transfer-Encoding: chunked}.
 *
 * <p>Lean on purpose (the server must answer thousands of requests per second on two cores): it
 * works on bytes from a buffered stream, reuses one line buffer, and uses no regex. Not
 * thread-safe; one reader per connection.
 */
final class HttpRequestReader {

  static final int MAX_LINE = 64 * 1024;
  static final int MAX_HEADERS = 200;
  static final int MAX_BODY = 16 * 1024 * 1024;

  private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private final InputStream in;
  private byte[] line = new byte[256];
  private int lineLength;

  HttpRequestReader(InputStream in) {
    this.in = in;
  }

  /** A request as read off the wire; the target is split into path and raw query. */
  record ParsedRequest(
      String method, String path, String rawQuery, String version, Map<String, String> headers, String body) {

    /** Returns true when the connection may carry another request after this one. */
    boolean keepAlive() {
      String connection = headers.get("Connection");
      if ("HTTP/1.0".equals(version)) {
        return connection != null && connection.equalsIgnoreCase("keep-alive");
      }
      return connection == null || !containsToken(connection, "close");
    }
  }

  /** A request that cannot be parsed; the connection is answered with {@code status} and closed. */
  static final class BadRequestException extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;

    BadRequestException(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /**
   * Reads the next request, or returns null when the client closed the connection cleanly between
   * requests. Writes {@code 100 Continue} to {@code out} when the client asks for it.
   */
  ParsedRequest read(OutputStream out) throws IOException {
    // Tolerate empty lines before a request line (RFC 9112 section 2.2).
    do {
      if (!readLine(true)) {
        return null;
      }
    } while (lineLength == 0);
    int firstSpace = indexOf((byte) ' ', 0);
    int secondSpace = firstSpace < 0 ? -1 : indexOf((byte) ' ', firstSpace + 1);
    if (firstSpace <= 0 || secondSpace < 0) {
      throw new BadRequestException(400, "malformed request line");
    }
    String method = ascii(0, firstSpace);
    String target = ascii(firstSpace + 1, secondSpace);
    String version = ascii(secondSpace + 1, lineLength);
    if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
      throw new BadRequestException(505, "unsupported version " + version);
    }

    Map<String, String> headers = readHeaders();

    // Absolute-form targets (sent through proxies) carry scheme and authority; keep the path.
    if (target.startsWith("http://") || target.startsWith("https://")) {
      int slash = target.indexOf('/', target.indexOf("//") + 2);
      target = slash < 0 ? "/" : target.substring(slash);
    }
    int question = target.indexOf('?');
    String path = question < 0 ? target : target.substring(0, question);
    String rawQuery = question < 0 ? null : target.substring(question + 1);

    String transferEncoding = headers.get("Transfer-Encoding");
    String contentLength = headers.get("Content-Length");
    boolean chunked = transferEncoding != null && containsToken(transferEncoding, "chunked");
    long length = 0;
    if (!chunked && contentLength != null) {
      try {
        length = Long.parseLong(contentLength.trim());
      } catch (NumberFormatException e) {
        throw new BadRequestException(400, "bad Content-Length");
      }
      if (length < 0) {
        throw new BadRequestException(400, "bad Content-Length");
      }
      if (length > MAX_BODY) {
        throw new BadRequestException(413, "body larger than " + MAX_BODY + " bytes");
      }
    }
    String expect = headers.get("Expect");
    if (expect != null && expect.equalsIgnoreCase("100-continue") && version.equals("HTTP/1.1")
        && (chunked || length > 0)) {
      out.write(CONTINUE);
      out.flush();
    }
    String body;
    if (chunked) {
      body = readChunked();
    } else if (length > 0) {
      byte[] bytes = in.readNBytes((int) length);
      if (bytes.length < length) {
        throw new EOFException("body ended after " + bytes.length + " of " + length + " bytes");
      }
      body = new String(bytes, StandardCharsets.UTF_8);
    } else {
      body = "";
    }
    return new ParsedRequest(method, path, rawQuery, version, headers, body);
  }

  private Map<String, String> readHeaders() throws IOException {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    int count = 0;
    while (true) {
      if (!readLine(false)) {
        throw new EOFException("connection closed inside the headers");
      }
      if (lineLength == 0) {
        return headers;
      }
      if (++count > MAX_HEADERS) {
        throw new BadRequestException(431, "more than " + MAX_HEADERS + " headers");
      }
      int colon = indexOf((byte) ':', 0);
      if (colon <= 0) {
        throw new BadRequestException(400, "malformed header line");
      }
      int start = colon + 1;
      int end = lineLength;
      while (start < end && (line[start] == ' ' || line[start] == '\t')) {
        start++;
      }
      while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
        end--;
      }
      String name = ascii(0, colon);
      String value = ascii(start, end);
      headers.merge(name, value, (a, b) -> a + ", " + b);
    }
  }

  private String readChunked() throws IOException {
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    while (true) {
      if (!readLine(false)) {
        throw new EOFException("connection closed inside a chunked body");
      }
      int end = indexOf((byte) ';', 0);
      if (end < 0) {
        end = lineLength;
      }
      long size;
      try {
        size = Long.parseLong(ascii(0, end).trim(), 16);
      } catch (NumberFormatException e) {
        throw new BadRequestException(400, "bad chunk size");
      }
      if (size < 0 || body.size() + size > MAX_BODY) {
        throw new BadRequestException(413, "body larger than " + MAX_BODY + " bytes");
      }
      if (size == 0) {
        // Trailers, if any, end with an empty line; they are read and dropped.
        do {
          if (!readLine(false)) {
            throw new EOFException("connection closed inside chunked trailers");
          }
        } while (lineLength > 0);
        return body.toString(StandardCharsets.UTF_8);
      }
      byte[] chunk = in.readNBytes((int) size);
      if (chunk.length < size) {
        throw new EOFException("chunk ended early");
      }
      body.write(chunk);
      if (!readLine(false) || lineLength != 0) {
        throw new BadRequestException(400, "chunk not followed by CRLF");
      }
    }
  }

  /**
   * Reads one line, without its CRLF (a bare LF is accepted), into {@link #line}. Returns false on
   * end of stream before any byte when {@code eofAllowed}; otherwise end of stream is an error.
   */
  private boolean readLine(boolean eofAllowed) throws IOException {
    lineLength = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (lineLength == 0 && eofAllowed) {
          return false;
        }
        throw new EOFException("connection closed mid-line");
      }
      if (b == '\n') {
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
          lineLength--;
        }
        return true;
      }
      if (lineLength == line.length) {
        if (line.length >= MAX_LINE) {
          throw new BadRequestException(431, "line longer than " + MAX_LINE + " bytes");
        }
        line = java.util.Arrays.copyOf(line, line.length * 2);
      }
      line[lineLength++] = (byte) b;
    }
  }

  private int indexOf(byte b, int from) {
    for (int i = from; i < lineLength; i++) {
      if (line[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private String ascii(int from, int to) {
    return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
  }

  static boolean containsToken(String headerValue, String token) {
    int from = 0;
    while (from <= headerValue.length()) {
      int comma = headerValue.indexOf(',', from);
      int end = comma < 0 ? headerValue.length() : comma;
      if (headerValue.substring(from, end).trim().equalsIgnoreCase(token)) {
        return true;
      }
      if (comma < 0) {
        return false;
      }
      from = comma + 1;
    }
    return false;
  }
}

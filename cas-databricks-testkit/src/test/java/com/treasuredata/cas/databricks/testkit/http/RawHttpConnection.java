package com.treasuredata.cas.databricks.testkit.http;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** A bare HTTP/1.1 client over one socket, so tests see exactly what goes over the wire. */
final class RawHttpConnection implements AutoCloseable {

  record Response(int status, Map<String, String> headers, String body) {}

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttpConnection(int port, Duration readTimeout) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout((int) readTimeout.toMillis());
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  RawHttpConnection(int port) throws IOException {
    this(port, Duration.ofSeconds(10));
  }

  Socket socket() {
    return socket;
  }

  void send(String raw) throws IOException {
    out.write(raw.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  Response request(String method, String path, String... headerLines) throws IOException {
    StringBuilder raw = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (String header : headerLines) {
      raw.append(header).append("\r\n");
    }
    send(raw.append("\r\n").toString());
    return readResponse();
  }

  /** Reads the status line and headers only (for interim 100 responses). */
  Response readHead() throws IOException {
    String statusLine = readLine();
    int status = Integer.parseInt(statusLine.substring(9, 12));
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon), line.substring(colon + 1).trim());
    }
    return new Response(status, headers, "");
  }

  Response readResponse() throws IOException {
    Response head = readHead();
    int length = Integer.parseInt(head.headers().getOrDefault("Content-Length", "0"));
    byte[] body = in.readNBytes(length);
    return new Response(head.status(), head.headers(), new String(body, StandardCharsets.UTF_8));
  }

  /** Returns -1 when the server closed the connection, or the next byte. */
  int readByte() throws IOException {
    return in.read();
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed after '" + line + "'");
      }
      if (b == '\n') {
        return line.toString().trim();
      }
      line.append((char) b);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

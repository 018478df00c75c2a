package com.treasuredata.cas.databricks.testkit.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;

/** Socket chores of {@link FakeDatabricksServer}: refusing, stalling, closing and plain error bodies. */
final class ServerIo {

  private ServerIo() {}

  /** Answers 503 on a connection the server has no worker for, and closes it. */
  static void refuse(Socket socket) {
    try (socket) {
      OutputStream out = socket.getOutputStream();
      HttpResponseWriter.write(out, 503, Map.of("Retry-After", "1"),
          "{\"error_code\":\"TEMPORARILY_UNAVAILABLE\",\"message\":\"too many open connections to the fake\"}",
          false, false);
    } catch (IOException ignored) {
      // the client went away; nothing to tell it
    }
  }

  /** Holds the connection open, answering nothing, until the client gives up or the server closes. */
  static void stall(Socket socket, InputStream in) throws IOException {
    socket.setSoTimeout(0);
    byte[] discard = new byte[1024];
    try {
      while (in.read(discard) >= 0) {
        // anything the client sends is ignored
      }
    } catch (SocketException e) {
      // closed by the server (close()) or reset by the client: the stall is over
    }
  }

  static String errorBody(String code, String message) {
    StringBuilder out = new StringBuilder("{\"error_code\":\"").append(code).append("\",\"message\":\"");
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c >= 0x20) {
        out.append(c);
      }
    }
    return out.append("\"}").toString();
  }

  static boolean isIpLiteral(String address) {
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
      if (!ok) {
        return false;
      }
    }
    return address.indexOf('.') >= 0 || address.indexOf(':') >= 0;
  }

  static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // already closed or reset; nothing left to release
    }
  }
}

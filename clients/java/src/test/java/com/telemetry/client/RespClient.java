package com.telemetry.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Sends one Redis command at a time and parses the reply (RESP2); bulk strings come back as byte arrays. */
final class RespClient implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RespClient(String address) throws IOException {
    int colon = address.lastIndexOf(':');
    socket = new Socket();
    socket.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))), 5_000);
    socket.setSoTimeout(5_000);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  Object command(String... args) throws IOException {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    wire.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      wire.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
      wire.writeBytes(bytes);
      wire.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.write(wire.toByteArray());
    out.flush();
    return read();
  }

  private Object read() throws IOException {
    String line = readLine();
    char kind = line.charAt(0);
    String body = line.substring(1);
    switch (kind) {
      case '+':
        return body;
      case '-':
        throw new IOException("redis: " + body);
      case ':':
        return Long.parseLong(body);
      case '$': {
        int n = Integer.parseInt(body);
        if (n < 0) {
          return null;
        }
        byte[] data = in.readNBytes(n + 2);
        if (data.length != n + 2) {
          throw new IOException("Redis closed the connection");
        }
        return java.util.Arrays.copyOf(data, n);
      }
      case '*': {
        int n = Integer.parseInt(body);
        if (n < 0) {
          return null;
        }
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          items.add(read());
        }
        return items;
      }
      default:
        throw new IOException("unexpected Redis reply " + line);
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    for (int b = in.read(); b != -1; b = in.read()) {
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      line.write(b);
      previous = b;
    }
    throw new IOException("Redis closed the connection");
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

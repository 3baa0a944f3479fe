package com.telemetry.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Accepts TCP connections on a free loopback port and counts them. */
final class CountingListener implements AutoCloseable {
  final AtomicInteger accepted = new AtomicInteger();
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Thread thread;

  CountingListener() throws IOException {
    server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    thread =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket socket = server.accept();
                  accepted.incrementAndGet();
                  sockets.add(socket);
                } catch (IOException e) {
                  return;
                }
              }
            },
            "counting-listener");
    thread.setDaemon(true);
    thread.start();
  }

  String address() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.close();
    thread.join(5_000);
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}

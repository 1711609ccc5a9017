package blink.linux.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.linux.abi.LinuxSocket;
import blink.linux.abi.SocketAddress;
import blink.memory.HostMemory;
import java.lang.foreign.Arena;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.function.IntUnaryOperator;
import jnr.constants.Constant;
import org.junit.jupiter.api.Test;

/**
 * The host column of the socket tables against the host's own headers, as
 * jnr-constants knows them for the platform the test runs on: every Linux name
 * the emulator translates must land on the host value of the same name.
 */
class HostSocketsTest {
  /** For each LinuxSocket constant starting with prefix that the host defines, toHost(linux) is the host's. */
  private static int check(String prefix, Class<? extends Enum<?>> hostEnum, IntUnaryOperator toHost) throws Exception {
    int checked = 0;
    for (Field f : LinuxSocket.class.getFields()) {
      if (!Modifier.isStatic(f.getModifiers()) || !f.getName().startsWith(prefix)) continue;
      Constant host = constant(hostEnum, f.getName());
      if (host == null || !host.defined()) continue;
      int mapped = toHost.applyAsInt(f.getInt(null));
      if (mapped == -1) continue; // not translated: the emulator refuses it
      assertEquals(host.intValue(), mapped, f.getName());
      checked++;
    }
    return checked;
  }

  private static Constant constant(Class<? extends Enum<?>> e, String name) {
    for (Enum<?> c : e.getEnumConstants()) if (c.name().equals(name)) return (Constant) c;
    return null;
  }

  @Test
  void tablesAgreeWithTheHostHeaders() throws Exception {
    assertTrue(check("AF_", jnr.constants.platform.AddressFamily.class, HostSockets::familyToHost) >= 3);
    assertTrue(check("SOCK_", jnr.constants.platform.Sock.class, v -> {
      // SOCK_NONBLOCK and SOCK_CLOEXEC are flags, not types.
      if (v == LinuxSocket.SOCK_NONBLOCK) return HostSockets.HOST_SOCK_NONBLOCK;
      if (v == LinuxSocket.SOCK_CLOEXEC) return HostSockets.HOST_SOCK_CLOEXEC;
      return HostSockets.typeToHost(v);
    }) >= 4);
    assertTrue(check("SO_", jnr.constants.platform.SocketOption.class,
        v -> HostSockets.optionToHost(LinuxSocket.SOL_SOCKET, v)) >= 15);
    assertTrue(check("TCP_", jnr.constants.platform.TCP.class,
        v -> HostSockets.optionToHost(LinuxSocket.IPPROTO_TCP, v)) >= 3);
    assertTrue(check("MSG_", jnr.constants.platform.SocketMessage.class, v -> {
      int h = HostSockets.msgToHost(v);
      return h == 0 ? -1 : h;
    }) >= 8);
    assertTrue(check("SHUT_", jnr.constants.platform.Shutdown.class, HostSockets::shutToHost) == 3);
    assertTrue(check("SOL_", jnr.constants.platform.SocketLevel.class, HostSockets::levelToHost) == 1);
    assertTrue(check("IPPROTO_", jnr.constants.platform.IPProto.class, HostSockets::levelToHost) >= 3);
  }

  @Test
  void tablesRoundTrip() {
    for (int f : new int[] {LinuxSocket.AF_UNSPEC, LinuxSocket.AF_UNIX, LinuxSocket.AF_INET, LinuxSocket.AF_INET6}) {
      assertEquals(f, HostSockets.familyFromHost(HostSockets.familyToHost(f)));
    }
    for (int t = 1; t < LinuxSocket.SOCK_MAX; t++) {
      int h = HostSockets.typeToHost(t);
      if (h >= 0) assertEquals(t, HostSockets.typeFromHost(h));
    }
    int all = LinuxSocket.MSG_PEEK | LinuxSocket.MSG_TRUNC | LinuxSocket.MSG_CTRUNC | LinuxSocket.MSG_DONTWAIT
        | LinuxSocket.MSG_WAITALL | LinuxSocket.MSG_NOSIGNAL | LinuxSocket.MSG_EOR;
    assertEquals(all, HostSockets.msgFromHost(HostSockets.msgToHost(all)));
    assertEquals(-1, HostSockets.familyToHost(LinuxSocket.AF_PACKET));
  }

  @Test
  void addressesRoundTripThroughTheHostLayout() {
    long buf = Arena.ofAuto().allocate(HostSockets.SOCKADDR_MAX).address();
    SocketAddress[] cases = {
      SocketAddress.inet(8080, new byte[] {127, 0, 0, 1}),
      SocketAddress.inet6(443, 0x12345, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 3),
      SocketAddress.unix("/tmp/sock".getBytes()),
      SocketAddress.unix(new byte[] {0, 'a', 'b'}),
    };
    for (SocketAddress a : cases) {
      int len = HostSockets.writeAddress(a, buf);
      SocketAddress back = HostSockets.readAddress(buf, len);
      assertEquals(new String(a.encode(), java.nio.charset.StandardCharsets.ISO_8859_1),
          new String(back.encode(), java.nio.charset.StandardCharsets.ISO_8859_1));
      // The guest encoding decodes to the same address.
      assertEquals(java.util.Arrays.toString(a.encode()),
          java.util.Arrays.toString(SocketAddress.decode(a.encode()).encode()));
    }
    // Port in network order at offset 2 of a sockaddr_in.
    HostSockets.writeAddress(cases[0], buf);
    assertEquals(0x1f, HostMemory.get8(buf + 2));
    assertEquals(0x90, HostMemory.get8(buf + 3));
  }
}

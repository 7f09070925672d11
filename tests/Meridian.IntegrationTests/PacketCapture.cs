using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Meridian.Core.Analysis.Capture;
using Meridian.Net;

namespace Meridian.IntegrationTests;

/// <summary>
/// A running tcpdump or tshark writing a capture of one UDP port on loopback. Start waits (bounded) until
/// the tool says it is capturing and a probe datagram reached the file; Stop sends SIGINT to that process
/// (by its id) and waits for it to flush and exit. A snapshot length of 256 bytes keeps the capture ring
/// from holding only a few packets (immediate mode sizes its frames by the snapshot length: with the
/// default 262 144 bytes, 2 MiB held 8 frames and the kernel dropped packets); the IP length fields
/// still give the full sizes.
/// </summary>
internal sealed class PacketCapture : IDisposable
{
    private readonly Process _process;
    private readonly ManualResetEventSlim _ready = new();
    private readonly List<string> _log = [];

    private readonly int _probePort;

    private PacketCapture(Process process, string path, int probePort)
    {
        _process = process;
        Path = path;
        _probePort = probePort;
    }

    public string Path { get; }

    public static PacketCapture Tcpdump(int port) =>
        Start("tcpdump", "listening on", "pcap", (file, probe) => ["-i", "lo", "--immediate-mode", "-U", "-n", "-s", "256", "-B", "8192", "-w", file, $"udp port {port} or udp port {probe}"]);

    public static PacketCapture Tshark(int port) =>
        Start("tshark", "Capturing on", "pcapng", (file, probe) => ["-i", "lo", "-F", "pcapng", "-s", "256", "-B", "8", "-w", file, "-f", $"udp port {port} or udp port {probe}"]);

    /// <summary>Waits (bounded) until the file holds <paramref name="packets"/> datagrams of the port, then stops the capture.</summary>
    public void StopAfter(int port, long packets)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && Count(port) < packets)
        {
            Thread.Sleep(50);
        }

        long captured = Count(port);
        Stop();
        Assert.True(captured >= packets, $"the capture holds {captured} of {packets} datagrams of port {port}:\n{Log}");
    }

    public void Stop()
    {
        var kill = ExternalTool.Run(ExternalTool.Require("kill"), ["-INT", _process.Id.ToString()], TimeSpan.FromSeconds(5));
        Assert.True(kill.ExitCode == 0, kill.All);
        Assert.True(_process.WaitForExit(TimeSpan.FromSeconds(15)), $"the capture did not stop:\n{Log}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        File.Delete(Path);
    }

    /// <summary>
    /// The tools say they capture before packets really reach the file: send probe datagrams to another
    /// port in the filter until one is in the file (bounded).
    /// </summary>
    private void WaitUntilCapturing()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && Count(_probePort) == 0)
        {
            probe.SendTo(new byte[8], new IPEndPoint(IPAddress.Loopback, _probePort));
            Thread.Sleep(100);
        }

        Assert.True(Count(_probePort) > 0, $"no probe datagram reached the capture:\n{Log}");
    }

    private long Count(int port)
    {
        if (!File.Exists(Path))
        {
            return 0; // tshark says "Capturing on" before dumpcap creates the file
        }

        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (!StreamCaptureReader.TryOpen(stream, out ICaptureReader reader))
        {
            return 0;
        }

        long count = 0;
        while (reader.Read(out CapturedPacket packet) == CaptureReadStatus.Packet)
        {
            bool onPort = PacketDecoder.TryDecode(packet.LinkType, packet.Data, out UdpDatagram d) && (d.SourcePort == port || d.DestinationPort == port);
            count += onPort ? 1 : 0;
        }

        return count;
    }

    private string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    private static PacketCapture Start(string tool, string readyLine, string extension, Func<string, int, string[]> arguments)
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"meridian-it-{Guid.NewGuid():N}.{extension}");
        var start = new ProcessStartInfo(ExternalTool.Require(tool)) { RedirectStandardError = true, RedirectStandardOutput = true };
        int probePort = FreePort.Udp();
        foreach (string argument in arguments(path, probePort))
        {
            start.ArgumentList.Add(argument);
        }

        var capture = new PacketCapture(Process.Start(start)!, path, probePort);
        capture._process.ErrorDataReceived += (_, e) => capture.OnLine(e.Data, readyLine);
        capture._process.OutputDataReceived += (_, e) => capture.OnLine(e.Data, readyLine);
        capture._process.BeginErrorReadLine();
        capture._process.BeginOutputReadLine();
        Assert.True(capture._ready.Wait(TimeSpan.FromSeconds(20)), $"{tool} never said '{readyLine}':\n{capture.Log}");
        capture.WaitUntilCapturing();
        return capture;
    }

    private void OnLine(string? line, string readyLine)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Add(line);
        }

        if (line.Contains(readyLine))
        {
            _ready.Set();
        }
    }
}

using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Meridian.Core.Nts;

namespace Meridian.Benchmarks;

/// <summary>The AES-SIV building blocks: one AES block, a key schedule, CMAC of 16 and 128 bytes, the GF(2^128) doubling.</summary>
[MemoryDiagnoser]
public class AesPrimitiveBenchmarks : IDisposable
{
    private readonly AesBlockCipher _cipher = new();
    private readonly AesCmac _cmac = new();
    private readonly byte[] _key = new byte[16];
    private readonly byte[] _message = new byte[128];
    private Vector128<byte> _block = Vector128.Create((byte)7);

    [GlobalSetup]
    public void Setup()
    {
        _cipher.SetKey(_key);
        _cmac.SetKey(_key);
    }

    [Benchmark]
    public Vector128<byte> EncryptBlock() => _block = _cipher.Encrypt(_block);

    [Benchmark]
    public void KeySchedule128() => _cipher.SetKey(_key);

    [Benchmark]
    public Vector128<byte> Cmac16() => _cmac.Compute(_message.AsSpan(0, 16));

    [Benchmark]
    public Vector128<byte> Cmac128() => _cmac.Compute(_message);

    [Benchmark]
    public Vector128<byte> MultiplyByX() => _block = AesCmac.MultiplyByX(_block);

    public void Dispose()
    {
        _cipher.Dispose();
        _cmac.Dispose();
        GC.SuppressFinalize(this);
    }
}

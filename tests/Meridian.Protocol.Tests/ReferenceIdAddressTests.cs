using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;

namespace Meridian.Protocol.Tests;

public class ReferenceIdAddressTests
{
    [Theory]
    [InlineData("127.0.0.1", 0x7F00_0001u)]
    [InlineData("192.0.2.1", 0xC000_0201u)]
    [InlineData("255.255.255.255", 0xFFFF_FFFFu)]
    public void FromIPv4_IsTheAddressBytesInOrder(string address, uint value)
    {
        byte[] bytes = IPAddress.Parse(address).GetAddressBytes();
        var buffer = new byte[4];

        var referenceId = ReferenceId.FromIPv4(bytes);
        referenceId.Write(buffer);

        Assert.Equal(value, referenceId.Value);
        Assert.Equal(bytes, buffer);
    }

    [Theory]
    [InlineData("::1", "CF404DC8")]
    [InlineData("2001:db8::1", "39AB9B37")]
    public void FromIPv6_IsTheFirstFourBytesOfTheMd5OfTheAddress(string address, string firstFourHashBytes)
    {
        byte[] bytes = IPAddress.Parse(address).GetAddressBytes();
        uint expected = BinaryPrimitives.ReadUInt32BigEndian(MD5.HashData(bytes));
        var buffer = new byte[4];

        var referenceId = ReferenceId.FromIPv6(bytes);
        referenceId.Write(buffer);

        Assert.Equal(expected, referenceId.Value);
        Assert.Equal(firstFourHashBytes, Convert.ToHexString(buffer));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(15)]
    [InlineData(17)]
    public void FromIPv6_RejectsAnythingButSixteenBytes(int length)
    {
        Assert.Throws<ArgumentException>(() => ReferenceId.FromIPv6(new byte[length]));
    }

    [Fact]
    public void ReadsBigEndianBytes()
    {
        byte[] bytes = [0x4C, 0x4F, 0x43, 0x4C, 0xFF];

        Assert.Equal(ReferenceId.FromAscii("LOCL"), ReferenceId.Read(bytes));
    }
}

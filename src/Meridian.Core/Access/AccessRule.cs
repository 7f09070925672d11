namespace Meridian.Core.Access;

/// <summary>
/// One rule: a network (address and prefix length in its own family: up to 32 for IPv4, 128 for
/// IPv6) and its flags. <c>restrict default</c> is the /0 of a family.
/// </summary>
public readonly record struct AccessRule(NetEndpoint Network, int PrefixLength, AccessFlags Flags);

using System.Net;
using System.Net.Sockets;

namespace MedScribe.Grains.Webhooks;

/// <summary>
/// The SSRF guard. Webhook targets are resolved when each attempt connects, and the connection is made
/// only to public addresses: a name that resolves to a private, loopback, link-local, carrier-grade NAT
/// or cloud-metadata address is refused, so re-pointing DNS after registration gains nothing.
/// </summary>
public sealed class WebhookTargetGuard(bool allowPrivateTargets)
{
    /// <summary>Connects an HTTP connection for <see cref="SocketsHttpHandler.ConnectCallback"/>.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (!allowPrivateTargets && addresses.FirstOrDefault(a => !IsPublic(a)) is { } refused)
        {
            throw new WebhookTargetRefusedException($"{host} resolves to {refused}, which is not a public address; webhooks are sent only to public addresses.");
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>
    /// Why a target cannot be registered, or null. Catches what is visible without DNS (scheme, literal
    /// private addresses, localhost); the address check at connect time catches the rest.
    /// </summary>
    public static string? Check(Uri url, bool requireHttps, bool allowPrivateTargets)
    {
        if (url.Scheme != Uri.UriSchemeHttps && (requireHttps || url.Scheme != Uri.UriSchemeHttp))
        {
            return requireHttps ? "url must use https." : "url must use https or http.";
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return "url must not carry credentials.";
        }

        if (allowPrivateTargets)
        {
            return null;
        }

        var host = url.IdnHost.Trim('[', ']');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return "url must not point at localhost.";
        }

        return IPAddress.TryParse(host, out var address) && !IsPublic(address)
            ? $"url must not point at {address}, which is not a public address."
            : null;
    }

    /// <summary>True for addresses on the public internet.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out var length);
        if (length == 4)
        {
            return !(b[0] is 0 or 10 or 127 or >= 224 // this network, private, loopback, multicast and reserved
                || b[0] == 100 && (b[1] & 0xC0) == 64 // carrier-grade NAT (and Alibaba's metadata address)
                || b[0] == 169 && b[1] == 254 // link-local, with the cloud metadata address 169.254.169.254
                || b[0] == 172 && (b[1] & 0xF0) == 16
                || b[0] == 192 && b[1] == 168
                || b[0] == 192 && b[1] == 0 && b[2] is 0 or 2 // IETF protocol assignments, TEST-NET-1
                || b[0] == 198 && (b[1] & 0xFE) == 18 // benchmarking
                || b[0] == 198 && b[1] == 51 && b[2] == 100
                || b[0] == 203 && b[1] == 0 && b[2] == 113);
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
            || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC // unique local, with fd00:ec2::254 (AWS metadata)
            || b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) // documentation
        {
            return false;
        }

        // NAT64 (64:ff9b::/96) embeds an IPv4 address: judge that one.
        if (b[..12].SequenceEqual((ReadOnlySpan<byte>)[0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]))
        {
            return IsPublic(new IPAddress(b[12..16]));
        }

        return true;
    }
}

/// <summary>An attempt refused by the SSRF guard.</summary>
public sealed class WebhookTargetRefusedException(string message) : IOException(message);

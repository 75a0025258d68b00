using System.Net;
using System.Net.Sockets;

namespace Dossier.Ingestion.Web;

/// <summary>Which addresses a fetch may connect to. Checked at connect time, so redirects and DNS tricks are covered too.</summary>
public static class AddressPolicy
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 ||
                     (b[0] == 100 && b[1] >= 64 && b[1] <= 127) ||   // carrier-grade NAT
                     (b[0] == 169 && b[1] == 254) ||                // link-local, cloud metadata
                     (b[0] == 172 && b[1] >= 16 && b[1] <= 31) ||
                     (b[0] == 192 && b[1] == 168) ||
                     (b[0] == 192 && b[1] == 0 && b[2] == 0) ||
                     (b[0] == 198 && (b[1] == 18 || b[1] == 19)) ||
                     b[0] >= 224);
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast ||
                     (b[0] & 0xFE) == 0xFC ||                        // unique local fc00::/7
                     address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any));
        }

        return false;
    }
}

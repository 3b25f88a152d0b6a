using System.Globalization;
using Bastion.Core.Inventory;

namespace Bastion.Web.Inventory;

/// <summary>The paging headers of a host list (issue 14): how many hosts match, and the cursor of the next page. The
/// cursor is a host name, so it is sent URL-encoded (a header carries ASCII only).</summary>
internal static class HostPageHeaders
{
    public const string Total = "X-Total-Count";

    public const string Next = "X-Next-Cursor";

    public static void Write(HttpResponse response, HostPage page)
    {
        response.Headers[Total] = page.Total.ToString(CultureInfo.InvariantCulture);
        if (page.Next is { } next)
        {
            response.Headers[Next] = Uri.EscapeDataString(next);
        }
    }
}

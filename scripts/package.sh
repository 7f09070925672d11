#!/usr/bin/env bash
# Builds dist/meridian_VERSION_amd64.deb with dpkg-deb: the meridian binary (no .NET runtime needed
# on the target) in /usr/sbin, the conffile /etc/meridian/meridian.conf, the systemd unit, the man
# pages, and maintainer scripts that create the 'meridian' system user and remove it on purge.
#   scripts/package.sh            # Native AOT, the build docs/decisions/0004 chose (needs gcc)
#   MERIDIAN_BUILD=single scripts/package.sh   # the fallback: JIT, self-contained single file
set -euo pipefail
cd "$(dirname "$0")/.."
build=${MERIDIAN_BUILD:-aot}
version=$(dotnet msbuild src/Meridian/Meridian.csproj -getProperty:Version)
arch=amd64
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
publish="$root/publish"

case "$build" in
  aot)    command -v gcc >/dev/null || { echo "package.sh: the Native AOT build links with gcc: apt-get install gcc" >&2; exit 2; }
          dotnet publish src/Meridian -c Release -r linux-x64 -p:MeridianAot=true -o "$publish" >&2 ;;
  single) dotnet publish src/Meridian -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true \
            -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=none -o "$publish" >&2 ;;
  *) echo "package.sh: MERIDIAN_BUILD is aot or single" >&2; exit 2 ;;
esac

pkg="$root/pkg"
install -D -m 0755 "$publish/meridian" "$pkg/usr/sbin/meridian"
install -D -m 0644 packaging/meridian.conf "$pkg/etc/meridian/meridian.conf"
mdwe=$([ "$build" = aot ] && echo "MemoryDenyWriteExecute=yes" || echo "# MemoryDenyWriteExecute is off: the JIT writes code at run time")
sed "s|@MEMORY_DENY_WRITE_EXECUTE@|$mdwe|" packaging/meridian.service > "$root/meridian.service"
install -D -m 0644 "$root/meridian.service" "$pkg/lib/systemd/system/meridian.service"
install -D -m 0644 packaging/kernel-discipline.conf "$pkg/usr/share/doc/meridian/kernel-discipline.conf"
install -D -m 0644 packaging/copyright "$pkg/usr/share/doc/meridian/copyright"
mkdir -p "$pkg/usr/share/man/man8" "$pkg/usr/share/man/man5"
"$pkg/usr/sbin/meridian" manpage meridian.8 | gzip -9n > "$pkg/usr/share/man/man8/meridian.8.gz"
"$pkg/usr/sbin/meridian" manpage meridian.conf.5 | gzip -9n > "$pkg/usr/share/man/man5/meridian.conf.5.gz"

mkdir -p "$pkg/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@SIZE@|$size|" packaging/debian/control > "$pkg/DEBIAN/control"
install -m 0644 packaging/debian/conffiles "$pkg/DEBIAN/conffiles"
for script in postinst prerm postrm; do
  install -m 0755 "packaging/debian/$script" "$pkg/DEBIAN/$script"
done

mkdir -p dist
out="dist/meridian_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zgzip --build "$pkg" "$out" >&2
echo "$out"

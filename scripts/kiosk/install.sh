#!/bin/sh
# Installs the kiosk for the current user: the binary and its launcher in
# ~/.local/bin, the settings in ~/.config/needlesim/kiosk.json (kept if present), the
# user unit, enabled. Run from the repository after scripts/build.sh. A stand also
# needs: the user logged in automatically on the console (e.g. getty autologin) and
# `loginctl enable-linger $USER` so the user manager starts at boot.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$HOME/.local/bin" "$HOME/.config/needlesim" "$HOME/.config/systemd/user"
install -m 755 "$root/build/app/needlesim" "$HOME/.local/bin/needlesim"
install -m 755 "$root/scripts/kiosk/needlesim-kiosk" "$HOME/.local/bin/needlesim-kiosk"
if [ ! -f "$HOME/.config/needlesim/kiosk.json" ]; then
  sed -e "s|\"scene\": \"../cheek.json\"|\"scene\": \"$root/scenes/cheek.json\"|" \
      -e "s|\"guided_try\": \"guided-try.json\"|\"guided_try\": \"$root/scenes/kiosk/guided-try.json\"|" \
      "$root/scenes/kiosk/kiosk.json" > "$HOME/.config/needlesim/kiosk.json"
fi
install -m 644 "$root/scripts/kiosk/needlesim-kiosk.service" "$HOME/.config/systemd/user/needlesim-kiosk.service"
systemctl --user daemon-reload
systemctl --user enable --now needlesim-kiosk.service
echo "installed: systemctl --user status needlesim-kiosk"

module urr.local/pause

go 1.24

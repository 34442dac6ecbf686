module github.com/iamforge/iamforge

go 1.26.8

require (
	github.com/andybalholm/brotli v1.3.0
	github.com/syumai/workers v0.32.0
	github.com/tidwall/gjson v1.20.2
	go.yaml.in/yaml/v3 v3.0.6
	honnef.co/go/js/dom/v2 v2.0.0-20250304181735-b5e52f05e89d
)

require (
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.3.0 // indirect
)
